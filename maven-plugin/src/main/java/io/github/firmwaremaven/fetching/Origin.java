package io.github.firmwaremaven.fetching;

import java.net.URI;
import java.util.Locale;

/**
 * The scheme, host and port of a URL: what a server id's credentials are bound to. Two URLs have the
 * same origin only if all three match, the default port made explicit (so {@code http://h/} and
 * {@code http://h:80/} are one origin, {@code http://h:8080/} another).
 */
public record Origin(String scheme, String host, int port) {
    public Origin {
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
    }

    /** The origin of an http(s) URI; null for other schemes or a URI without a host. */
    public static Origin of(URI uri) {
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || host.isEmpty()) {
            return null;
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port < 0) {
            port = switch (s) {
                case "http" -> 80;
                case "https" -> 443;
                default -> -1;
            };
        }
        return new Origin(s, host, port);
    }

    /** As {@link #of(URI)}, for a URL already validated by {@link SourceSpec} (null if it does not parse). */
    public static Origin of(String url) {
        try {
            return of(new URI(url));
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port; // URI.getHost keeps an IPv6 address's brackets
    }
}
