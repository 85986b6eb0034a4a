package io.github.firmwaremaven.fetching;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A proxy from the user's Maven settings, already decrypted by Maven. {@code protocol} is the scheme
 * of the URLs it serves ("http" or "https"); {@code nonProxyHosts} is Maven's "a|*.b" list.
 */
public record ProxyConfig(String protocol, String host, int port, String username, String password,
        String nonProxyHosts) {

    public boolean serves(String scheme, String targetHost) {
        if (!protocol.equalsIgnoreCase(scheme)) {
            return false;
        }
        if (nonProxyHosts == null || nonProxyHosts.isBlank()) {
            return true;
        }
        String h = targetHost.toLowerCase(Locale.ROOT);
        for (String p : nonProxyHosts.split("[|,]")) {
            String glob = p.trim().toLowerCase(Locale.ROOT);
            if (glob.isEmpty()) {
                continue;
            }
            String regex = Pattern.quote(glob).replace("*", "\\E.*\\Q");
            if (h.matches(regex)) {
                return false;
            }
        }
        return true;
    }

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    /** Never shows the password: this string can end up in logs. */
    @Override
    public String toString() {
        return protocol + "://" + (hasCredentials() ? username + ":***@" : "") + host + ":" + port;
    }
}
