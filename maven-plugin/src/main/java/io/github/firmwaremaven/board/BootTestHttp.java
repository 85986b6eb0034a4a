package io.github.firmwaremaven.board;

/**
 * The {@code <http>} of {@code <bootTest>}: the board's Linux serves a page and the boot test fetches it
 * through a port forwarded from 127.0.0.1, the guest's network restricted to that (QEMU user networking
 * with {@code restrict=on}: it reaches neither the host nor anything beyond).
 */
public class BootTestHttp {
    /** The port the board's server listens on. */
    int port = 80;
    /** The page to fetch. */
    String path = "/";
    /** What its body must hold; {@code @nonce@} stands for this run's nonce. */
    String expect = "FIRMWARE-HTTP nonce=@nonce@";
    /** The console line after which the board serves; the page is fetched once it appeared. */
    String after = "FIRMWARE-HTTP-READY";
    /** QEMU's model of the NIC: virtio-net-pci, or e1000 for a kernel without virtio. */
    String nicModel = "virtio-net-pci";
}
