package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.logging.BuildLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/**
 * One transfer of one URL into a {@code .part} file, continuing it with an HTTP Range request when
 * the file already holds bytes. Retrying and choosing URLs is {@link DownloadCache}'s job; this class
 * only says how an attempt ended.
 */
final class HttpFetcher {
    /** How an attempt ended when it did not complete: worth retrying the same URL or not. */
    static final class TransferException extends IOException {
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

    private final FetchOptions options;
    private final BuildLog log;

    HttpFetcher(FetchOptions options, BuildLog log) {
        this.options = options;
        this.log = log;
    }

    /** Appends the rest of {@code url} to {@code part}; returns the bytes received by this attempt. */
    long transfer(String url, Path part, Credentials credentials, String label) throws IOException {
        URI uri = URI.create(url);
        if ("file".equals(uri.getScheme())) {
            Path from = Paths.get(uri);
            if (!Files.isRegularFile(from)) {
                throw new TransferException("no such file", false);
            }
            try {
                Files.copy(from, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new WriteException(part, e, Files.size(from));
            }
            return Files.size(part);
        }
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpURLConnection c = open(uri, credentials);
        try {
            if (have > 0) {
                c.setRequestProperty("Range", "bytes=" + have + "-");
            }
            int status;
            try {
                status = c.getResponseCode();
            } catch (IOException e) {
                throw new TransferException("connection failed: " + e.getMessage(), true);
            }
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
            Progress progress = new Progress(label, expectedTotal, startOffset);
            OutputStream out;
            try {
                out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw new WriteException(part, e, expectedTotal);
            }
            try (InputStream in = c.getInputStream(); out) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    try {
                        out.write(buf, 0, n);
                    } catch (IOException e) {
                        throw new WriteException(part, e, expectedTotal);
                    }
                    received += n;
                    progress.advance(n);
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
        } finally {
            c.disconnect();
        }
    }

    private HttpURLConnection open(URI uri, Credentials credentials) throws IOException {
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
        // Server credentials are given only when the server asks (401); never sent to other hosts.
        c.setAuthenticator(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() == RequestorType.PROXY && p != null && p.hasCredentials()) {
                    return new PasswordAuthentication(p.username(), chars(p.password()));
                }
                if (getRequestorType() == RequestorType.SERVER && credentials != null) {
                    return new PasswordAuthentication(credentials.username(), chars(credentials.password()));
                }
                return null;
            }
        });
        int timeout = (int) options.timeout().toMillis();
        c.setConnectTimeout(timeout);
        c.setReadTimeout(timeout);
        c.setInstanceFollowRedirects(true);
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

    /** At most one line a second, and only when the build is interactive. */
    private final class Progress {
        private final String label;
        private final long total;
        private long done;
        private long lastPrint = System.nanoTime();

        Progress(String label, long total, long done) {
            this.label = label;
            this.total = total;
            this.done = done;
        }

        void advance(int n) {
            done += n;
            if (!options.progress()) {
                return;
            }
            long now = System.nanoTime();
            if (now - lastPrint > 1_000_000_000L) {
                lastPrint = now;
                log.info("Downloading " + label + ": " + (done >> 20) + " MiB"
                        + (total > 0 ? " of " + (total >> 20) + " MiB" : ""));
            }
        }
    }
}
