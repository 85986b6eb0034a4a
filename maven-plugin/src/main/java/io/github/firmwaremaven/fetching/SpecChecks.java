package io.github.firmwaremaven.fetching;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The checks a URL and a version label pass before anything is fetched, shared by the board's
 * {@code <source>}, the overrides file and the mirror settings so that each names its own element.
 * Each returns null when the value is fine, else what is wrong and how to write it instead.
 */
final class SpecChecks {
    private SpecChecks() {
    }

    /** For a download URL (http, https, file); {@code git} also allows git's own URL forms. */
    static String urlProblem(String url, boolean git) {
        for (int i = 0; i < url.length(); i++) {
            char ch = url.charAt(i);
            if (Character.isWhitespace(ch) || Character.isISOControl(ch)) {
                return "contains " + (ch == ' ' ? "a space" : "a control or white-space character") + " at index " + i
                        + "; write it percent-encoded (a space is %20)";
            }
        }
        if (git && (url.startsWith("/") || !url.contains("://") && url.matches("[^/:]+@[^:]+:.*"))) {
            return null; // a local path or scp-like user@host:path
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            String hint = e.getReason() != null && e.getReason().toLowerCase(Locale.ROOT).contains("ipv6")
                    || url.contains("[") || url.contains("]")
                    ? "an IPv6 address goes in one pair of brackets, e.g. http://[::1]:8080/file.tar.gz"
                    : "characters outside the URL syntax must be percent-encoded";
            return "is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + "); " + hint;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null) {
            return "has no scheme; write the full URL, e.g. https://host/path/file.tar.gz";
        }
        if (scheme.equals("http") || scheme.equals("https")) {
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "has no host name (or an unreadable host or port); write it as " + scheme
                        + "://HOST[:PORT]/path";
            }
            if (uri.getRawUserInfo() != null) {
                return "holds a user name or password; put them in settings.xml as a <server> and name its id in "
                        + "<serverId>, so that they stay out of the pom, logs and SBOM";
            }
            return null;
        }
        if (scheme.equals("file")) {
            if (uri.isOpaque() || uri.getPath() == null || uri.getPath().isEmpty()
                    || uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
                return "is not an absolute file URL; write it as file:///absolute/path";
            }
            return null;
        }
        return git ? null : "is not http:, https: or file:";
    }

    /** A version is a label, and names the patch directory {@code <patches>/<source>/<version>}. */
    static String versionProblem(String version) {
        if (version.contains("/") || version.contains("\\") || version.contains("..")
                || version.chars().anyMatch(ch -> Character.isWhitespace(ch) || Character.isISOControl(ch))) {
            return "must be a plain label without '/', '\\', '..' or spaces (it names the patch directory "
                    + "<patches>/<source>/<version>); e.g. 6.6.30 or 2024.02-rc1";
        }
        return null;
    }
}
