package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.fetching.Credentials;
import io.github.firmwaremaven.fetching.FetchOptions;
import io.github.firmwaremaven.fetching.FetchPreflight;
import io.github.firmwaremaven.fetching.Overrides;
import io.github.firmwaremaven.fetching.ProxyConfig;
import io.github.firmwaremaven.fetching.SourcePreparer;
import io.github.firmwaremaven.fetching.SourceSpec;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Downloads, verifies, extracts and patches the board's pinned sources. */
@Mojo(name = "fetch-sources", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class FetchSourcesMojo extends AbstractFirmwareMojo {
    /** Skips this goal. */
    @Parameter(property = "fetch-sources.skip", defaultValue = "false")
    private boolean skip;

    /** The pinned sources (usually in the plugin-level configuration, so every goal sees them). */
    @Parameter
    private List<Source> sources;

    /** The download cache, shared by all projects of the user; default {@code <firmware.cacheDir>/downloads}. */
    @Parameter(property = "firmware.downloadCache")
    private File downloadCache;

    /** Tried first for every file, as {@code <mirror>/<fileName>}. */
    @Parameter(property = "firmware.primaryMirror")
    private String primaryMirror;

    /** Tried last for every file, as {@code <mirror>/<fileName>}. */
    @Parameter(property = "firmware.backupMirror")
    private String backupMirror;

    /** The settings.xml server id whose credentials go to the primary mirror (its origin only). */
    @Parameter(property = "firmware.primaryMirrorServerId")
    private String primaryMirrorServerId;

    /** The settings.xml server id whose credentials go to the backup mirror (its origin only). */
    @Parameter(property = "firmware.backupMirrorServerId")
    private String backupMirrorServerId;

    /** Never ask upstream: only the mirrors (air-gapped sites). */
    @Parameter(property = "firmware.mirrorOnly", defaultValue = "false")
    private boolean mirrorOnly;

    /** A properties file re-pinning sources: {@code <name>.url|fileName|sha256|sha512|version|member|serverId}. */
    @Parameter(property = "firmware.sourceOverrides")
    private File sourceOverrides;

    /** The board's patches: {@code <dir>/<source>[/<version>]/NNNN-*.patch}. */
    @Parameter(property = "firmware.patchesDirectory", defaultValue = "${project.basedir}/src/firmware/patches")
    private File patchesDirectory;

    /** Further patch directories with the same layout, applied after the board's (comma-separated). */
    @Parameter(property = "firmware.globalPatchDirs")
    private String globalPatchDirs;

    /** Decode .xz with the host's xz when present (faster); false uses XZ for Java only. */
    @Parameter(property = "firmware.hostXz", defaultValue = "true")
    private boolean hostXz;

    /** Download attempts per URL on 5xx and broken connections. */
    @Parameter(property = "firmware.downloadAttempts", defaultValue = "4")
    private int downloadAttempts;

    @Component
    private SettingsDecrypter settingsDecrypter;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected String nothingConfigured() {
        return sources == null || sources.isEmpty() ? "no sources declared" : null;
    }

    @Override
    protected void runGoal() throws Exception {
        List<SourceSpec> specs = new ArrayList<>();
        for (Source s : sources) {
            specs.add(toSpec(s));
        }
        if (sourceOverrides != null) {
            List<String> changes = new ArrayList<>();
            specs = Overrides.read(sourceOverrides.toPath()).apply(specs, changes);
            changes.forEach(c -> getLog().info("Source overrides: " + c));
        }
        Path downloads = downloadCache != null ? downloadCache.toPath() : cacheDir.toPath().resolve("downloads");
        FetchOptions options = FetchOptions.defaults(downloads)
                .withMirrors(primaryMirror, backupMirror, mirrorOnly)
                .withMirrorServerIds(primaryMirrorServerId, backupMirrorServerId)
                .withOffline(session.isOffline())
                .withRetries(Math.max(1, downloadAttempts), Duration.ofMillis(500))
                .withProgress(showProgress());
        List<String> settingsProblems = new ArrayList<>();
        options = withSettings(options, settingsProblems);
        FetchPreflight.check(specs, options, settingsFiles(), settingsProblems);
        List<Path> patchDirs = new ArrayList<>();
        patchDirs.add(patchesDirectory.toPath());
        if (globalPatchDirs != null) {
            for (String d : globalPatchDirs.split(",")) {
                if (!d.isBlank()) {
                    patchDirs.add(Paths.get(d.trim()));
                }
            }
        }
        new SourcePreparer(options, steps(), patchDirs, hostXz, buildLog()).prepare(specs, buildArea.toPath());
    }

    private SourceSpec toSpec(Source s) throws FirmwareException {
        SourceSpec.Builder b = SourceSpec.builder(s.name).version(s.version).kind(s.kind).url(s.url)
                .fileName(s.fileName).sha256(s.sha256).sha512(s.sha512).unverified(s.unverified).license(s.license)
                .serverId(s.serverId).member(s.member).into(s.into, s.intoPath).commit(s.commit);
        List<Path> keyFiles = new ArrayList<>();
        if (s.signingKeys != null) {
            s.signingKeys.forEach(k -> keyFiles.add(inBoard(k)));
        }
        b.signature(s.signature).signingKeys(keyFiles).keyring(s.keyring == null ? null : inBoard(s.keyring))
                .signerFingerprints(s.signerFingerprints).signatureCovers(s.signatureCovers);
        if (s.urls != null) {
            s.urls.forEach(u -> b.url(u, "<urls><url>"));
        }
        // -Dfirmware.localOverride.<name>=DIR, like Buildroot's <PKG>_OVERRIDE_SRCDIR in local.mk.
        String cli = session.getUserProperties().getProperty("firmware.localOverride." + s.name);
        if (cli != null && !cli.isBlank()) {
            b.localOverride(Paths.get(cli));
        } else if (s.localOverride != null) {
            b.localOverride(s.localOverride.toPath());
        }
        return b.build();
    }

    /** The settings files this build read, for messages about a missing or unreadable <server>. */
    private String settingsFiles() {
        List<String> files = new ArrayList<>();
        File user = session.getRequest().getUserSettingsFile();
        File global = session.getRequest().getGlobalSettingsFile();
        if (user != null) {
            files.add("user settings " + user + (user.isFile() ? "" : " (absent)"));
        }
        if (global != null) {
            files.add("global settings " + global + (global.isFile() ? "" : " (absent)"));
        }
        return files.isEmpty() ? "no settings file" : String.join(", ", files);
    }

    /** A path of the board, relative to its base directory unless absolute. */
    private Path inBoard(File f) {
        return project.getBasedir().toPath().resolve(f.toPath()).normalize();
    }

    /** Progress lines only when Maven itself shows transfer progress (not with -B, -q or -ntp). */
    private boolean showProgress() {
        Object listener = session.getRequest().getTransferListener();
        return session.getRequest().isInteractiveMode() && listener != null
                && listener.getClass().getSimpleName().contains("Console");
    }

    /** Proxies and server credentials from settings.xml, decrypted by Maven; plain values to the core. */
    private FetchOptions withSettings(FetchOptions options, List<String> problems) {
        DefaultSettingsDecryptionRequest request = new DefaultSettingsDecryptionRequest(session.getSettings());
        SettingsDecryptionResult result = settingsDecrypter.decrypt(request);
        for (SettingsProblem p : result.getProblems()) {
            getLog().warn("settings.xml: " + p.getMessage());
            problems.add(p.getMessage());
        }
        List<ProxyConfig> proxies = new ArrayList<>();
        for (Proxy p : result.getProxies()) {
            if (p.isActive()) {
                proxies.add(new ProxyConfig(p.getProtocol(), p.getHost(), p.getPort(), p.getUsername(),
                        p.getPassword(), p.getNonProxyHosts()));
            }
        }
        Map<String, Credentials> servers = new LinkedHashMap<>();
        for (Server s : result.getServers()) {
            if (s.getUsername() != null) {
                servers.put(s.getId(), new Credentials(s.getUsername(), s.getPassword()));
            }
        }
        for (ProxyConfig p : proxies) {
            getLog().debug("Using proxy " + p); // toString hides the password
        }
        return options.withNetwork(proxies, servers);
    }
}
