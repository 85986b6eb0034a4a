package io.github.firmwaremaven.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A nested boot's console: each level in its order, then the marker; the machine's own failure report at once. */
class ConsoleWatchTest {
    private static final Duration T = Duration.ofSeconds(1);

    private static ConsoleWatch nested() {
        return new ConsoleWatch(List.of(Pattern.compile("coreboot-.* bootblock starting"),
                Pattern.compile("kvm_amd: "), Pattern.compile("Hypervisor detected: KVM")),
                List.of(Pattern.compile("KVM-UNAVAILABLE")), Pattern.compile("GUEST-READY nonce=ab12"));
    }

    @Test
    void theMarkerCountsOnlyAfterEveryCheckpointInOrder() throws Exception {
        ConsoleWatch w = nested();
        // The guest's line before the host's KVM line is not the guest's checkpoint yet.
        assertNull(w.feed("coreboot-4.15 Tue bootblock starting (log level: 7)...\r\n"
                + "Hypervisor detected: KVM\r\nkvm_amd: Nested Paging enabled\r\n", T));
        assertEquals(2, w.passed().size());
        assertEquals(Pattern.compile("Hypervisor detected: KVM").pattern(), w.waitingFor().pattern());
        // Split across reads, as a serial log grows.
        assertNull(w.feed("[    0.000000] Hypervisor det", T));
        assertNull(w.feed("ected: KVM\n", Duration.ofSeconds(7)));
        assertNull(w.waitingFor());
        assertEquals("GUEST-READY nonce=ab12", w.feed("GUEST-READY nonce=ab12 launched-by=host-init\n", T));
        assertEquals("[    0.000000] Hypervisor detected: KVM", w.passed().get(2).line());
        assertEquals(Duration.ofSeconds(7), w.passed().get(2).at());
    }

    @Test
    void theMarkerBeforeACheckpointFailsNamingTheLineAndTheCheckpoint() {
        ConsoleWatch w = nested();
        ConsoleWatch.Rejected e = assertThrows(ConsoleWatch.Rejected.class,
                () -> w.feed("coreboot-4.15 x bootblock starting\nGUEST-READY nonce=ab12\n", T));
        assertTrue(e.getMessage().contains("console line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("checkpoint 2 of 3 ('kvm_amd: ')"), e.getMessage());
    }

    @Test
    void aFailOnLineEndsTheBootAtOnceWithTheMachinesOwnReport() {
        ConsoleWatch w = nested();
        ConsoleWatch.Rejected e = assertThrows(ConsoleWatch.Rejected.class, () -> w.feed(
                "coreboot-4.15 x bootblock starting\nkvm: no hardware support for 'kvm_amd'\n"
                        + "FIRMWARE-KVM-UNAVAILABLE no /dev/kvm\n", T));
        assertTrue(e.getMessage().contains("console line 3 matches the fail-on pattern 'KVM-UNAVAILABLE': "
                + "FIRMWARE-KVM-UNAVAILABLE no /dev/kvm"), e.getMessage());
    }

    @Test
    void withoutCheckpointsALineStillBeingWrittenMatches() throws Exception {
        ConsoleWatch w = new ConsoleWatch(List.of(), List.of(), Pattern.compile("login: "));
        assertEquals("login: ", w.feed("Welcome\nbox login: ", T));
        // With a checkpoint pending, the unfinished line does not count.
        ConsoleWatch pending = new ConsoleWatch(List.of(Pattern.compile("first")), List.of(), Pattern.compile("login: "));
        assertNull(pending.feed("box login: ", T));
        ConsoleWatch.Rejected e = assertThrows(ConsoleWatch.Rejected.class, () -> pending.end(T));
        assertTrue(e.getMessage().contains("before checkpoint 1 of 1"), e.getMessage());
    }

    @Test
    void theTriggerNotesItsLineWhateverElseItMatches() throws Exception {
        ConsoleWatch w = new ConsoleWatch(List.of(Pattern.compile("HTTP-READY")), List.of(), Pattern.compile("DONE"))
                .trigger(Pattern.compile("HTTP-READY"));
        assertNull(w.triggeredBy());
        assertNull(w.feed("FIRMWARE-HTTP-READY\n", T));
        assertEquals("FIRMWARE-HTTP-READY", w.triggeredBy());
        assertEquals(1, w.passed().size());
    }
}
