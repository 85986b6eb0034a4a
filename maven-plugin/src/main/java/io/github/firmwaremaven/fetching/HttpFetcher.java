package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.logging.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One transfer of one URL into a {@code .part} file, continuing it with an HTTP Range request when
 * the file already holds bytes. Retrying and choosing URLs is {@link DownloadCache}'s job; this class
 * only says how an attempt ended.
 */
final class HttpFetcher {
    /** How an attempt ended when it did not complete: worth retrying the same URL or not. */
    static class TransferException extends IOException {
        final boolean retryable;

        TransferException(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }
    }

    /** Writing the local part file failed (disk full, read-only, ...): not a network error, never retried. */
    static final class WriteException extends IOException {
        final long expectedBytes;

        WriteException(Path part, IOException cause, long expectedBytes) {
            super("writing " + part + " failed: " + cause.getMessage(), cause);
            this.expectedBytes = expectedBytes;
        }
    }

    /** Like curl's default: enough for CDNs and mirror redirectors, not a loop. */
    static final int MAX_REDIRECTS = 10;

    private final FetchOptions options;
    private final BuildLog log;
    private final ServerAuth auth;

    HttpFetcher(FetchOptions options, BuildLog log) {
        this.options = options;
        this.log = log;
        this.auth = new ServerAuth(options.servers());
    }

    /**
     * Appends the rest of {@code url} to {@code part}; returns the bytes received by this attempt.
     * {@code serverId}'s credentials (or none when null) go only to the origin of {@code url}, also
     * when a redirect comes back to it, and never to any other origin a redirect leads to.
     */
    long transfer(String url, Path part, String serverId, String label) throws IOException {
        URI uri = URI.create(url);
        if ("file".equals(uri.getScheme())) {
            Path from = Paths.get(uri);
            if (!Files.isRegularFile(from)) {
                throw new TransferException("no such file", false);
            }
            long size = Files.size(from);
            try (Progress.Task alive = options.progress().start("Copying " + label,
                    () -> copied(part) + " of " + mib(size))) {
                Files.copy(from, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new WriteException(part, e, Files.size(from));
            }
            return Files.size(part);
        }
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        ServerAuth.Login login = auth.login(serverId, uri);
        if (login != null && auth.refusal(serverId) != null) {
            throw new ServerAuth.Refused(serverId, url, "not tried: " + auth.refusal(serverId)
                    + " earlier in this build, and a refused password is not sent again");
        }
        URI current = uri;
        for (int hop = 0;; hop++) {
            HttpURLConnection c = open(current);
            try {
                boolean withLogin = login != null && login.appliesTo(current);
                if (withLogin) {
                    c.setRequestProperty("Authorization", basic(login.credentials().username(),
                            login.credentials().password()));
                }
                if (have > 0) {
                    c.setRequestProperty("Range", "bytes=" + have + "-");
                }
                int status = withLogin ? statusWithLogin(c, login, current) : status(c);
                if (isRedirect(status)) {
                    current = redirectTarget(current, c.getHeaderField("Location"), status, hop);
                    continue;
                }
                if ((status == 401 || status == 403) && login != null && !withLogin) {
                    throw new TransferException("HTTP " + status + " from " + origin(current) + ", which a redirect "
                            + "led to; the credentials of server '" + serverId + "' belong to " + login.origin()
                            + " and are not sent to another origin", false);
                }
                if (status == 401 && login == null) {
                    throw new TransferException("HTTP 401" + (c.getResponseMessage() == null ? "" : " "
                            + c.getResponseMessage()) + ": the server asks for a login; name a settings.xml server "
                            + "id for it (<serverId>, or firmware.fetch-sources.primaryMirrorServerId/backupMirrorServerId for a "
                            + "mirror)", false);
                }
                return body(c, status, part, have, label);
            } finally {
                c.disconnect();
            }
        }
    }

    private static int status(HttpURLConnection c) throws TransferException {
        try {
            return c.getResponseCode();
        } catch (IOException e) {
            throw new TransferException("connection failed: " + e.getMessage(), true);
        }
    }

    /** The status of a request carrying a server id's password; a 401 or 403 is remembered for the build. */
    private int statusWithLogin(HttpURLConnection c, ServerAuth.Login login, URI at) throws IOException {
        synchronized (auth.lock(login.serverId())) {
            String before = auth.refusal(login.serverId());
            if (before != null) {
                throw new ServerAuth.Refused(login.serverId(), at.toString(), "not tried: " + before
                        + " earlier in this build, and a refused password is not sent again");
            }
            int status = status(c);
            if (status == 401 || status == 403) {
                String what = "HTTP " + status + (c.getResponseMessage() == null ? "" : " " + c.getResponseMessage())
                        + " for user '" + login.credentials().username() + "' at " + at;
                auth.refused(login.serverId(), what);
                throw new ServerAuth.Refused(login.serverId(), at.toString(), what);
            }
            return status;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Where a redirect leads, if it may be followed: http(s) only, never from https down to http. */
    private URI redirectTarget(URI from, String location, int status, int hop) throws TransferException {
        if (location == null || location.isBlank()) {
            throw new TransferException("HTTP " + status + " redirect without a Location header", false);
        }
        if (hop + 1 > MAX_REDIRECTS) {
            throw new TransferException("more than " + MAX_REDIRECTS + " redirects (last to " + location + ")", false);
        }
        URI to;
        try {
            to = from.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new TransferException("HTTP " + status + " redirect to an invalid URL '" + location + "'", false);
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || Origin.of(to) == null) {
            throw new TransferException("HTTP " + status + " redirect to '" + location + "', which is not an http(s) "
                    + "URL with a host; not followed", false);
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
            throw new TransferException("HTTP " + status + " redirect from https to plain http (" + to
                    + ") refused: it would drop the transport security of the download; ask the server to "
                    + "redirect to https, or pin the final URL", false);
        }
        log.debug("Redirect (" + status + ") from " + from + " to " + to);
        return to;
    }

    private static String origin(URI uri) {
        Origin o = Origin.of(uri);
        return o == null ? uri.toString() : o.toString();
    }

    private long body(HttpURLConnection c, int status, Path part, long have, String label) throws IOException {
        boolean append;
        long expectedTotal;
        if (status == HttpURLConnection.HTTP_PARTIAL && have > 0) {
            append = true;
            expectedTotal = totalFromContentRange(c.getHeaderField("Content-Range"), have + c.getContentLengthLong());
        } else if (status == HttpURLConnection.HTTP_OK) {
            append = false;
            expectedTotal = c.getContentLengthLong();
        } else if (status == 416 && have > 0) {
            // The part file is already complete (or garbage): verification decides.
            return 0;
        } else {
            throw new TransferException("HTTP " + status + (c.getResponseMessage() == null ? ""
                    : " " + c.getResponseMessage()), status >= 500 || status == 408 || status == 429);
        }
        long received = 0;
        long startOffset = append ? have : 0;
        // Read by the progress thread while this one writes.
        AtomicLong done = new AtomicLong(startOffset);
        OutputStream out;
        try {
            out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new WriteException(part, e, expectedTotal);
        }
        try (InputStream in = c.getInputStream(); out; Progress.Task alive = options.progress().start(
                "Downloading " + label, () -> mib(done.get()) + (expectedTotal > 0 ? " of " + mib(expectedTotal) : ""))) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                try {
                    out.write(buf, 0, n);
                } catch (IOException e) {
                    throw new WriteException(part, e, expectedTotal);
                }
                received += n;
                done.addAndGet(n);
            }
        } catch (WriteException e) {
            throw e;
        } catch (IOException e) {
            throw new TransferException("transfer broke after " + received + " bytes: " + e.getMessage(), true);
        }
        if (expectedTotal >= 0 && startOffset + received < expectedTotal) {
            throw new TransferException("transfer broke after " + (startOffset + received) + " of "
                    + expectedTotal + " bytes", true);
        }
        return received;
    }

    private HttpURLConnection open(URI uri) throws IOException {
        URL url = uri.toURL();
        ProxyConfig proxy = null;
        for (ProxyConfig p : options.proxies()) {
            if (p.serves(uri.getScheme(), uri.getHost())) {
                proxy = p;
                break;
            }
        }
        HttpURLConnection c;
        if (proxy != null) {
            c = (HttpURLConnection) url.openConnection(
                    new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.host(), proxy.port())));
            if (proxy.hasCredentials() && "http".equals(uri.getScheme())) {
                // Sent up front: a plain HTTP proxy sees the request anyway, and it saves a 407 round trip.
                c.setRequestProperty("Proxy-Authorization", basic(proxy.username(), proxy.password()));
            }
        } else {
            c = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
        }
        ProxyConfig p = proxy;
        // Only the proxy's own challenge (407, or an https tunnel) is answered here. Server credentials are
        // set as a header by transfer(), per origin; answering a server's 401 here would hand them to any
        // host a redirect leads to, and the JDK's default authenticator must not step in either.
        c.setAuthenticator(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() == RequestorType.PROXY && p != null && p.hasCredentials()
                        && p.host().equalsIgnoreCase(getRequestingHost()) && p.port() == getRequestingPort()) {
                    return new PasswordAuthentication(p.username(), chars(p.password()));
                }
                return null;
            }
        });
        int timeout = (int) options.timeout().toMillis();
        c.setConnectTimeout(timeout);
        c.setReadTimeout(timeout);
        // Redirects are followed by transfer(), which decides per hop what may be sent.
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setRequestProperty("User-Agent", "firmware-maven-plugin");
        c.setRequestProperty("Accept-Encoding", "identity");
        return c;
    }

    private static char[] chars(String s) {
        return s == null ? new char[0] : s.toCharArray();
    }

    private static String basic(String user, String password) {
        String token = user + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private static long totalFromContentRange(String header, long fallback) {
        // "bytes 100-199/200"
        if (header != null) {
            int slash = header.lastIndexOf('/');
            if (slash > 0 && !header.endsWith("*")) {
                try {
                    return Long.parseLong(header.substring(slash + 1).trim());
                } catch (NumberFormatException ignored) {
                    // fall through
                }
            }
        }
        return fallback;
    }

    private static String copied(Path part) {
        try {
            return mib(Files.size(part));
        } catch (IOException e) {
            return "0 MiB";
        }
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
