package io.github.firmwaremaven.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.steps.BuildCache;
import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses Debian's aarch64-linux-gnu cross compiler, which it/host-packages.sh installs. */
class RelocatableToolchainTest {
    @TempDir
    Path tmp;

    @Test
    void debiansCrossCompilerIsCopiedAndTheCopyBuildsWithNothingOnPath() throws Exception {
        String path = System.getenv("PATH");
        ExternalToolchain.Validated original = ExternalToolchain.validate("aarch64", "aarch64", "aarch64-linux-gnu-",
                null, path, tmp.resolve("scratch"), steps(), BuildLog.SILENT);
        Path copy = RelocatableToolchain.obtain(original.toolchain(), original.gcc(),
                ExternalToolchain.environment(path, null), steps(), "x86_64",
                BuildLog.SILENT);

        Properties meta = ToolchainArchive.readMetadata(copy, "the copy");
        assertEquals("aarch64-linux-gnu", meta.getProperty("triple"));
        assertEquals("aarch64-linux-gnu-", meta.getProperty("prefix"));
        assertTrue(Files.isExecutable(copy.resolve("bin/aarch64-linux-gnu-gcc")));
        assertTrue(Files.notExists(copy.resolve("bin/aarch64-linux-gnu-lto-dump-12")), "extras stay out");

        // No PATH at all: everything the copy runs and reads must come from inside it.
        ExternalToolchain.Validated relocated = ExternalToolchain.validate("aarch64", "aarch64", "aarch64-linux-gnu-",
                copy, "/nonexistent", tmp.resolve("scratch2"), steps(), BuildLog.SILENT);
        assertEquals(ExternalToolchain.Linkage.STATIC, relocated.linkage());
        assertEquals(original.toolchain().identity(), relocated.toolchain().identity(),
                "the copy's binaries are the original's");
        Path c = Files.writeString(tmp.resolve("hello.c"), "#include <stdio.h>\nint main(void){puts(\"hi\");return 0;}\n");
        Process p = new ProcessBuilder(copy.resolve("bin/aarch64-linux-gnu-gcc").toString(), "-static", "-o",
                tmp.resolve("hello").toString(), c.toString()).redirectErrorStream(true).inheritIO().start();
        p.getOutputStream().close();
        assertEquals(0, p.waitFor());
        ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(tmp.resolve("hello"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x464c457f, elf.getInt(0), "an ELF file");
        assertEquals(183, elf.getShort(18), "e_machine EM_AARCH64");

        // Obtained once per identity: a second call returns the cached copy.
        assertEquals(copy, RelocatableToolchain.obtain(original.toolchain(), original.gcc(),
                ExternalToolchain.environment(path, null), steps(), "x86_64",
                BuildLog.SILENT));
    }

    @Test
    void theHostCompilerIsRefusedBecauseItsCLibraryIsTheHosts() throws Exception {
        String path = System.getenv("PATH");
        ExternalToolchain.Validated host = ExternalToolchain.validate("host", null, null, null, path,
                tmp.resolve("scratch"), steps(), BuildLog.SILENT);
        FirmwareException e = assertThrows(FirmwareException.class, () -> RelocatableToolchain.obtain(host.toolchain(),
                host.gcc(), ExternalToolchain.environment(path, null), steps(), "x86_64",
                BuildLog.SILENT));
        assertTrue(e.getMessage().contains("is the host's own gcc; it cannot be published"), e.getMessage());
    }

    @Test
    void aToolchainUsingFilesOutsideItsPrefixIsRefusedNamingTheFile() throws Exception {
        // Claim the prefix is /usr/bin: gcc's private directory /usr/lib/gcc-cross is then outside it.
        Toolchain t = new Toolchain("x", "aarch64-linux-gnu", "aarch64-linux-gnu-", null, null, "id");
        Path gcc = Paths.get("/usr/bin/aarch64-linux-gnu-gcc");
        FirmwareException e = assertThrows(FirmwareException.class, () -> RelocatableToolchain.roots("x", gcc,
                ExternalToolchain.environment(System.getenv("PATH"), null), Paths.get("/usr/bin"), t));
        assertTrue(e.getMessage().contains("is not relocatable: it uses /usr/lib/gcc-cross/aarch64-linux-gnu/12"),
                e.getMessage());
    }

    @Test
    void theIncludeListIsReadFromGccVerboseOutput() {
        String out = "ignoring nonexistent directory \"/x\"\n#include \"...\" search starts here:\n"
                + "#include <...> search starts here:\n /opt/tc/bin/../lib/gcc/t/12/include\n"
                + " /opt/tc/bin/../t/include\nEnd of search list.\n";
        assertEquals(List.of(Paths.get("/opt/tc/lib/gcc/t/12/include"), Paths.get("/opt/tc/t/include")),
                RelocatableToolchain.parseIncludeList(out));
    }

    private io.github.firmwaremaven.steps.StepMachine steps() {
        return io.github.firmwaremaven.steps.StepMachine.forBuildArea(tmp.resolve("fw"),
                io.github.firmwaremaven.steps.BuildTimestamp.of(1), BuildLog.SILENT).sharingThrough(
                new BuildCache(tmp.resolve("cache")), io.github.firmwaremaven.steps.Manifest.Check.CHEAP);
    }
}
