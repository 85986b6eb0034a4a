package io.github.firmwaremaven.qemu;

import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The boot test's network check: the guest serves a page on a port QEMU's user network forwards from
 * 127.0.0.1 (the guest's network restricted to that: {@code restrict=on}), and the page's body must
 * match, nonce included. Fetched without any proxy: the address is this machine's own.
 *
 * @param hostPort the forwarded port on 127.0.0.1
 * @param guestPort the port the guest serves
 * @param path the page's path
 * @param nicModel QEMU's model of the guest's NIC (virtio-net-pci, e1000)
 * @param body what the page must hold
 * @param after the console line after which the guest serves
 */
public record HttpProbe(int hostPort, int guestPort, String path, String nicModel, Pattern body, Pattern after) {
    /** A port free on 127.0.0.1 now, for QEMU to forward. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** QEMU's NIC: user networking that reaches nothing, with one port forwarded in. */
    public String nicArgument() {
        return "user,model=" + nicModel + ",restrict=on,hostfwd=tcp:127.0.0.1:" + hostPort + "-:" + guestPort;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + hostPort + (path.startsWith("/") ? path : "/" + path));
    }

    /**
     * Fetches the page, retrying while the guest's server is not answering yet, until {@code limit};
     * returns the matched part of the body.
     */
    public String fetch(Duration limit) throws FirmwareException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri()).timeout(Duration.ofSeconds(10))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    Matcher m = body.matcher(r.body());
                    if (m.find()) {
                        return m.group();
                    }
                    throw new FirmwareException("The network check fetched " + uri() + " (forwarded to the guest's "
                            + "port " + guestPort + "), but its body does not hold '" + body + "'. Body: "
                            + abbreviate(r.body()));
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new FirmwareException("The network check could not fetch " + uri() + " (forwarded to the "
                        + "guest's port " + guestPort + ") within " + limit.toSeconds() + " s: " + last + ".");
            }
            Thread.sleep(500);
        }
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
