package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.errors.FirmwareException;
import java.util.List;

/**
 * What is checked about the fetch settings before any download: the mirror URLs and that every server
 * id a source or a mirror names has credentials in the settings.
 */
public final class FetchPreflight {
    private FetchPreflight() {
    }

    /**
     * @param settingsFiles the settings files Maven read, as the user should see them in the message
     * @param settingsProblems what Maven could not decrypt in them (empty when all is well)
     */
    public static void check(List<SourceSpec> specs, FetchOptions options, String settingsFiles,
            List<String> settingsProblems) throws FirmwareException {
        mirror("firmware.fetch-sources.primaryMirror", options.primaryMirror());
        mirror("firmware.fetch-sources.backupMirror", options.backupMirror());
        boolean usesServers = options.primaryMirrorServerId() != null || options.backupMirrorServerId() != null
                || specs.stream().anyMatch(s -> s.serverId() != null && s.localOverride() == null);
        if (usesServers && !settingsProblems.isEmpty()) {
            // An undecryptable password stays in its {...} form; sending that would be wrong twice over.
            throw new FirmwareException("Maven could not read the server credentials in " + settingsFiles + ":\n  "
                    + String.join("\n  ", settingsProblems) + "\nAn encrypted password needs the master password "
                    + "in settings-security.xml (~/.m2/settings-security.xml, or -Dsettings.security=FILE).");
        }
        ServerAuth.requireDefined(specs, options, settingsFiles);
    }

    private static void mirror(String property, String url) throws FirmwareException {
        if (url == null) {
            return;
        }
        String problem = SpecChecks.urlProblem(url, false);
        if (problem != null) {
            throw new FirmwareException("Mirror -D" + property + "=" + url + " " + problem + " (set it in the pom's "
                    + "<properties>, settings.xml or on the command line)");
        }
    }
}
