package io.github.firmwaremaven.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.artifacts.ArtifactKind;
import io.github.firmwaremaven.artifacts.Output;
import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a boot plan gives QEMU: the board's own images, never a role's, and a network only when asked. */
class BoardBootTest {
    private static final List<Output> ROM = List.of(Output.of(ArtifactKind.COREBOOT_ROM, Path.of("/b/coreboot.rom")));

    private static BoardBoot.Plan plan(List<String> qemuArgs, List<String> checkpoints, BoardBoot.Http http) {
        return new BoardBoot.Plan("x86_64", null, "qemu64,+svm", 768, null, "READY nonce=@nonce@",
                Duration.ofSeconds(60), null, qemuArgs, checkpoints, List.of("KVM-UNAVAILABLE"), http);
    }

    @Test
    void withoutANetworkCheckTheMachineHasNoNicUnlessTheBoardGivesOne() throws Exception {
        List<String> c = BoardBoot.prepare(plan(List.of(), List.of(), null), ROM, "ab").spec().command(Path.of("s"), null);
        int nic = c.indexOf("-nic");
        assertEquals("none", c.get(nic + 1), c.toString());
        List<String> own = BoardBoot.prepare(plan(List.of("-netdev", "user,id=n,restrict=on"), List.of(), null), ROM, "ab")
                .spec().command(Path.of("s"), null);
        assertFalse(own.contains("-nic"), own.toString());
    }

    @Test
    void theNetworkCheckForwardsOnePortAndTellsTheBoardWhichThroughFwCfg() throws Exception {
        BoardBoot.Prepared p = BoardBoot.prepare(plan(List.of(), List.of("kvm_amd: "),
                new BoardBoot.Http(80, "/", "PAGE nonce=@nonce@", "HTTP-READY", "virtio-net-pci")), ROM, "ab12", 40999);
        String c = String.join(" ", p.spec().command(Path.of("s"), null));
        assertTrue(c.contains("-nic user,model=virtio-net-pci,restrict=on,hostfwd=tcp:127.0.0.1:40999-:80"), c);
        assertTrue(c.contains("-fw_cfg name=opt/io.github.firmwaremaven/http-port,string=40999"), c);
        assertTrue(c.contains("-cpu qemu64,+svm") && c.contains("-bios /b/coreboot.rom") && !c.contains("-kernel"), c);
        assertEquals("PAGE nonce=ab12", p.http().body().pattern());
        assertEquals(1, p.watch().checkpointCount());
    }

    @Test
    void aRolesKernelIsNeverTheOneBooted() throws Exception {
        List<Output> outputs = List.of(new Output(ArtifactKind.KERNEL_IMAGE, "kernel-guest", "bin", Path.of("/g/bzImage")),
                Output.of(ArtifactKind.KERNEL_IMAGE, Path.of("/h/bzImage")));
        List<String> c = BoardBoot.prepare(plan(List.of(), List.of(), null), outputs, "ab").spec().command(Path.of("s"), null);
        assertEquals("/h/bzImage", c.get(c.indexOf("-kernel") + 1));
        FirmwareException none = assertThrows(FirmwareException.class, () -> BoardBoot.prepare(plan(List.of(), List.of(),
                null), Collections.singletonList(outputs.get(0)), "ab"));
        assertTrue(none.getMessage().startsWith("boot-test needs a kernel image"), none.getMessage());
    }

    @Test
    void aCheckpointThatIsNoPatternIsNamedBeforeQemuStarts() {
        FirmwareException e = assertThrows(FirmwareException.class,
                () -> BoardBoot.prepare(plan(List.of(), List.of("kvm_amd: ("), null), ROM, "ab"));
        assertTrue(e.getMessage().startsWith("<bootTest><checkpoints><checkpoint> 'kvm_amd: (' is not a regular "
                + "expression"), e.getMessage());
    }
}
