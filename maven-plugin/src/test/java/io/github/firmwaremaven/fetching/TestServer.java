package io.github.firmwaremaven.fetching;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A file server on 127.0.0.1 that can misbehave the ways real servers do. */
final class TestServer implements AutoCloseable {
    /** Named in the journal and in the realm of its Basic challenge. */
    final String name;
    final HttpServer server;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger gets = new AtomicInteger();
    final AtomicLong bytesSent = new AtomicLong();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> rangeRequests = new CopyOnWriteArrayList<>();
    /** Every request as "<name> <path> <Authorization or ->"; servers that share it show the order across them. */
    final List<String> journal;
    /** Paths answered with a 302 to the URL given. */
    final Map<String, String> redirects = new ConcurrentHashMap<>();
    /** Paths answered with this status and no body. */
    final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    /** Cut the first full transfer after half the bytes. */
    volatile boolean cutFirstTransfer;
    /** Answer this many requests with 503 first. */
    final AtomicInteger failFirst = new AtomicInteger();
    volatile long delayMillis;
    /** Run after the first half of a full body has been sent, before the rest. */
    volatile Runnable midBody;
    /** When set, the Authorization header every request must carry (else 401 with a Basic challenge). */
    volatile String requiredAuthorization;

    TestServer() throws IOException {
        this("test", new CopyOnWriteArrayList<>());
    }

    TestServer(String name, List<String> journal) throws IOException {
        this.name = name;
        this.journal = journal;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath().substring(1);
            String auth = x.getRequestHeaders().getFirst("Authorization");
            requests.add(x.getRequestMethod() + " " + path);
            journal.add(name + " " + path + " " + (auth == null ? "-" : auth));
            gets.incrementAndGet();
            if (failFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                x.sendResponseHeaders(503, -1);
                return;
            }
            if (redirects.containsKey(path)) {
                x.getResponseHeaders().add("Location", redirects.get(path));
                x.sendResponseHeaders(302, -1);
                return;
            }
            if (statuses.containsKey(path)) {
                x.sendResponseHeaders(statuses.get(path), -1);
                return;
            }
            String required = requiredAuthorization;
            if (required != null && !required.equals(auth)) {
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + name + "\"");
                x.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body = files.get(path);
            if (body == null) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            String range = x.getRequestHeaders().getFirst("Range");
            int from = 0;
            if (range != null && range.startsWith("bytes=")) {
                rangeRequests.add(range);
                from = Integer.parseInt(range.substring(6, range.indexOf('-')));
                x.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
                x.sendResponseHeaders(206, body.length - from);
            } else {
                x.sendResponseHeaders(200, body.length);
            }
            OutputStream out = x.getResponseBody();
            int end = body.length;
            boolean cut = cutFirstTransfer && from == 0;
            if (cut) {
                cutFirstTransfer = false;
                end = body.length / 2;
            }
            Runnable middle = midBody;
            if (middle != null && !cut && from == 0) {
                out.write(body, 0, end / 2);
                out.flush();
                middle.run();
                out.write(body, end / 2, end - end / 2);
            } else {
                out.write(body, from, end - from);
            }
            out.flush();
            bytesSent.addAndGet(end - from);
            if (cut) {
                // Close the socket under the client, mid-body.
                throw new IOException("cut on purpose");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
