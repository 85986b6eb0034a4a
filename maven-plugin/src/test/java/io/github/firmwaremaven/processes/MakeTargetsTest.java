package io.github.firmwaremaven.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakeTargetsTest {
    @TempDir
    Path tmp;

    @Test
    void theLastKbuildStyleLineIsTheTarget() {
        assertEquals("CC kernel/fork.o", MakeTargets.last(List.of("$ make -j2 bzImage", "  (in /x)",
                "  HOSTCC  scripts/basic/fixdep", "  CC      kernel/fork.o", "kernel/fork.c: In function 'f':",
                "kernel/fork.c:12: warning: unused variable")));
    }

    @Test
    void modulesAndCorebootsWiderColumnsAreRead() {
        assertEquals("LD [M] fs/foo.ko", MakeTargets.last(List.of("  LD [M]  fs/foo.ko")));
        assertEquals("CC romstage/lib/cbfs.o", MakeTargets.last(List.of("    CC         romstage/lib/cbfs.o")));
    }

    @Test
    void linesThatAreNotTargetsGiveNothing() {
        assertNull(MakeTargets.last(List.of("$ make olddefconfig", "  (in /build/linux)", "#", "# configuration written",
                "make[1]: Entering directory '/x'", "CC kernel/fork.o", "  cc -O2 -c x.c", "")));
    }

    @Test
    void readsTheEndOfTheLogFile() throws Exception {
        Path log = tmp.resolve("kernel-build.log");
        StringBuilder sb = new StringBuilder("$ make\n");
        for (int i = 0; i < 5000; i++) {
            sb.append("  CC      drivers/x").append(i).append(".o\n");
        }
        Files.writeString(log, sb);
        assertEquals("CC drivers/x4999.o", MakeTargets.last(log));
        assertNull(MakeTargets.last(tmp.resolve("absent.log")));
    }
}
