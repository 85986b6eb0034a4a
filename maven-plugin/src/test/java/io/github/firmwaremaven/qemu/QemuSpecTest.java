package io.github.firmwaremaven.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

class QemuSpecTest {
    @Test
    void pflashCodeIsReadOnlyAndVarsIsTheWritableCopy() {
        QemuSpec spec = QemuSpec.builder("aarch64").machine("virt").cpu("cortex-a57").memoryMb(128)
                .pflash(Paths.get("/b/code.fd"), Paths.get("/b/vars.fd")).kernel(Paths.get("/b/Image"))
                .initrd(Paths.get("/b/initramfs.cpio.gz")).append("console=ttyAMA0").build();
        Path copy = Paths.get("/w/vars.fd");
        List<String> c = spec.command(Paths.get("/w/serial.log"), copy);
        String line = String.join(" ", c);
        assertEquals("qemu-system-aarch64", c.get(0));
        assertTrue(line.contains("-drive if=pflash,format=raw,readonly=on,file=/b/code.fd"), line);
        assertTrue(line.contains("-drive if=pflash,format=raw,file=/w/vars.fd"), line);
        assertTrue(!line.contains("/b/vars.fd"), "the build's VARS must never be handed to QEMU: " + line);
        assertTrue(line.contains("-serial file:/w/serial.log") && line.contains("-no-reboot"), line);
        assertTrue(line.contains("-M virt -cpu cortex-a57 -m 128 -accel tcg"), line);
    }

    @Test
    void biosBoot() {
        List<String> c = QemuSpec.builder("x86_64").machine("pc").bios(Paths.get("/b/coreboot.rom")).build()
                .command(Paths.get("/w/s.log"), null);
        assertTrue(String.join(" ", c).contains("-bios /b/coreboot.rom"));
    }
}
