package io.github.firmwaremaven.processes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base environment every external process starts from. Only a few variables pass through from
 * the user's shell (PATH to find tools, HOME for tools that insist on one); the rest is fixed so
 * that the user's locale, time zone or CFLAGS cannot change what a build produces.
 */
public final class HostEnvironment {
    private HostEnvironment() {}

    public static Map<String, String> base() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", HostPath.system());
        String home = System.getenv("HOME");
        env.put("HOME", home == null ? System.getProperty("user.home") : home);
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        env.put("TZ", "UTC");
        String term = System.getenv("TERM");
        if (term != null) {
            env.put("TERM", term);
        }
        return env;
    }
}
