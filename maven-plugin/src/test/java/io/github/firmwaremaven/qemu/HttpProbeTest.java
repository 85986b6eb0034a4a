package io.github.firmwaremaven.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The network check's QEMU argument and its failure when nothing answers on the forwarded port. */
class HttpProbeTest {
    @Test
    void theNicReachesNothingButTheOnePortForwardedFromLoopback() {
        HttpProbe p = new HttpProbe(40123, 80, "index.html", "virtio-net-pci", Pattern.compile("x"), Pattern.compile("y"));
        assertEquals("user,model=virtio-net-pci,restrict=on,hostfwd=tcp:127.0.0.1:40123-:80", p.nicArgument());
        assertEquals("http://127.0.0.1:40123/index.html", p.uri().toString());
    }

    @Test
    void nothingListeningFailsWithinTheLimitNamingTheAddress() throws Exception {
        int port = HttpProbe.freePort();
        HttpProbe p = new HttpProbe(port, 80, "/", "e1000", Pattern.compile("x"), Pattern.compile("y"));
        long t0 = System.nanoTime();
        FirmwareException e = assertThrows(FirmwareException.class, () -> p.fetch(Duration.ofSeconds(2)));
        assertTrue(e.getMessage().startsWith("The network check could not fetch http://127.0.0.1:" + port
                + "/ (forwarded to the guest's port 80) within 2 s: "), e.getMessage());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos());
    }
}
