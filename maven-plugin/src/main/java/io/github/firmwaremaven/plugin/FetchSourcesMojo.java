package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.archives.ArchiveExtractor;
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
    /** A mirror tried first for every file: this URL, a slash and the source's {@code fileName}. */
    @Parameter(property = "firmware.fetch-sources.primaryMirror")
    @FormerProperty("firmware.primaryMirror")
    private String primaryMirror;

    /** A mirror tried last for every file: this URL, a slash and the source's {@code fileName}. */
    @Parameter(property = "firmware.fetch-sources.backupMirror")
    @FormerProperty("firmware.backupMirror")
    private String backupMirror;

    /** The settings.xml server id whose credentials go to the primary mirror (its origin only). */
    @Parameter(property = "firmware.fetch-sources.primaryMirrorServerId")
    @FormerProperty("firmware.primaryMirrorServerId")
    private String primaryMirrorServerId;

    /** The settings.xml server id whose credentials go to the backup mirror (its origin only). */
    @Parameter(property = "firmware.fetch-sources.backupMirrorServerId")
    @FormerProperty("firmware.backupMirrorServerId")
    private String backupMirrorServerId;

    /** Never ask upstream: only the mirrors (air-gapped sites). */
    @FormerProperty("firmware.mirrorOnly")
    @Parameter(property = "firmware.fetch-sources.mirrorOnly", defaultValue = "false")
    private boolean mirrorOnly;

    /**
     * A properties file re-pinning sources: for the source called NAME, the keys {@code NAME.url},
     * {@code NAME.fileName}, {@code NAME.sha256}, {@code NAME.sha512}, {@code NAME.version}, {@code NAME.member},
     * {@code NAME.serverId}, {@code NAME.signature} and {@code NAME.kind} replace its elements of the same names.
     */
    @Parameter(property = "firmware.fetch-sources.sourceOverrides")
    @FormerProperty("firmware.sourceOverrides")
    @BoardFile
    private File sourceOverrides;

    /**
     * The board's patches, applied in name order: {@code SOURCE/VERSION/*.patch} in this directory when that
     * directory exists, else {@code SOURCE/*.patch} (SOURCE and VERSION: the source's name and version).
     */
    @FormerProperty("firmware.patchesDirectory")
    @Parameter(property = "firmware.fetch-sources.patchesDirectory", defaultValue = "${project.basedir}/src/firmware/patches")
    @BoardFile
    private File patchesDirectory;

    /** Further patch directories with the same layout, applied after the board's (comma-separated). */
    @Parameter(property = "firmware.fetch-sources.globalPatchDirs")
    @FormerProperty("firmware.globalPatchDirs")
    private String globalPatchDirs;

    /** Decode .xz with the host's xz when present (faster); false uses XZ for Java only. */
    @FormerProperty("firmware.hostXz")
    @Parameter(property = "firmware.fetch-sources.hostXz", defaultValue = "true")
    private boolean hostXz;

    /** Download attempts per URL on 5xx and broken connections. */
    @FormerProperty("firmware.downloadAttempts")
    @Parameter(property = "firmware.fetch-sources.downloadAttempts", defaultValue = "4")
    private int downloadAttempts;

    @Component
    private SettingsDecrypter settingsDecrypter;

    @Override
    protected String nothingConfigured() {
        return board().hasSources() ? null : "no sources declared";
    }

    @Override
    protected void runGoal() throws Exception {
        List<SourceSpec> specs = board().sourceSpecs(localOverrides());
        if (sourceOverrides != null) {
            List<String> changes = new ArrayList<>();
            specs = Overrides.read(sourceOverrides.toPath()).apply(specs, changes);
            changes.forEach(c -> getLog().info("Source overrides: " + c));
        }
        Path downloads = downloadCache();
        FetchOptions options = FetchOptions.defaults(downloads)
                .withMirrors(primaryMirror, backupMirror, mirrorOnly)
                .withMirrorServerIds(primaryMirrorServerId, backupMirrorServerId)
                .withOffline(session.isOffline())
                .withRetries(Math.max(1, downloadAttempts), Duration.ofMillis(500))
                .withProgress(progress());
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
        new SourcePreparer(options, steps(), patchDirs,
                hostXz ? ArchiveExtractor.withHostXz(board().path()) : ArchiveExtractor.javaOnly(), buildLog()).prepare(specs, buildArea.toPath());
    }

    /** {@code -Dfirmware.localOverride.<name>=DIR}, like Buildroot's {@code <PKG>_OVERRIDE_SRCDIR} in local.mk. */
    private Map<String, String> localOverrides() {
        Map<String, String> result = new LinkedHashMap<>();
        String prefix = "firmware.localOverride.";
        session.getUserProperties().stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> result.put(k.substring(prefix.length()), session.getUserProperties().getProperty(k)));
        return result;
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
