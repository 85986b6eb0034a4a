package io.github.firmwaremaven.board;

import static io.github.firmwaremaven.testsupport.TextAssertions.assertContainsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The board's configuration, as a pom writes it, checked before anything runs. */
class ConfigCheckTest {
    @TempDir
    Path board;

    /** The top-level parameters: the board's elements as Board declares them, and a few goals' own. */
    private static Map<String, Type> parameters() throws Exception {
        Map<String, Type> p = new LinkedHashMap<>();
        for (String name : Board.ELEMENTS) {
            p.put(name, Board.class.getDeclaredField(name).getGenericType());
        }
        p.put("compression", String.class);
        p.put("overlays", Holder.class.getDeclaredField("files").getGenericType());
        p.put("listFile", File.class);
        p.put("code", File.class);
        p.put("machine", String.class);
        p.put("hostComponents", Holder.class.getDeclaredField("strings").getGenericType());
        p.put("verify", String.class);
        p.put("skip", boolean.class);
        p.put("size", long.class);
        return p;
    }

    /** Declares the generic types parameters have. */
    static final class Holder {
        List<File> files;
        List<String> strings;
    }

    private List<String> check(String... configurations) throws Exception {
        ConfigCheck check = new ConfigCheck(board, board.resolve("target"), parameters(), Set.of("overlays",
                "listFile"));
        List<ConfigNode> nodes = new ArrayList<>();
        for (String c : configurations) {
            nodes.add(parse(c, board.resolve("pom.xml").toString()));
        }
        return check.check(nodes).stream().map(ConfigCheck.Problem::text).collect(Collectors.toList());
    }

    /** XML into the tree the plugin's adapter makes from Maven's, with each element's line. */
    static ConfigNode parse(String xml, String file) throws Exception {
        XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(new StringReader(xml));
        Deque<Object[]> open = new ArrayDeque<>(); // name, line, children, text
        ConfigNode root = null;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                open.push(new Object[] {r.getLocalName(), r.getLocation().getLineNumber(), new ArrayList<ConfigNode>(),
                        new StringBuilder()});
            } else if (event == XMLStreamConstants.CHARACTERS) {
                ((StringBuilder) open.peek()[3]).append(r.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                Object[] e = open.pop();
                @SuppressWarnings("unchecked")
                List<ConfigNode> children = (List<ConfigNode>) e[2];
                ConfigNode n = new ConfigNode((String) e[0], children.isEmpty() ? e[3].toString().trim() : null,
                        children, file, (Integer) e[1]);
                if (open.isEmpty()) {
                    root = n;
                } else {
                    @SuppressWarnings("unchecked")
                    List<ConfigNode> parent = (List<ConfigNode>) open.peek()[2];
                    parent.add(n);
                }
            }
        }
        return root;
    }

    @Test
    void unknownElementsAreNamedAtEveryDepthWithTheLineAndTheValidOnes() throws Exception {
        List<String> problems = check("""
                <configuration>
                  <kernal/>
                  <kernel>
                    <defconfg>tinyconfig</defconfg>
                  </kernel>
                  <sources>
                    <source><name>linux</name><sha265>00</sha265></source>
                  </sources>
                  <rootfs><packages><package><name>busybox</name><fragmets/></package></packages></rootfs>
                  <toolchains><toolchain><crossgcc><arc>i386</arc></crossgcc></toolchain></toolchains>
                  <bootTest><qemuArgs><qemuArg><x>1</x></qemuArg></qemuArgs></bootTest>
                </configuration>""");
        assertEquals(6, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("<kernal> (pom.xml line 2): unknown element (did you mean <kernel>?); "
                + "valid: <bootTest>, <code>, <compression>, <coreboot>, "), problems.get(0));
        assertEquals("<kernel><defconfg> (pom.xml line 4): unknown element (did you mean <defconfig>?); valid: "
                + "<artifact>, <configFile>, <defconfig>, <fragments>, <imageTarget>, <makeVariables>, <name>, <source>, "
                + "<toolchain>", problems.get(1));
        assertContainsAll(problems.get(2), "<sources><source><sha265> (pom.xml line 7): unknown element (did you "
                + "mean <sha256>?); valid: ", "<sha512>", "<signingKeys>");
        assertContainsAll(problems.get(3), "<rootfs><packages><package><fragmets> (pom.xml line 9): unknown element "
                + "(did you mean <fragments>?)");
        assertContainsAll(problems.get(4), "<toolchains><toolchain><crossgcc><arc> (pom.xml line 10): unknown "
                + "element (did you mean <arch>?); valid: <arch>, <coreboot>, <tarballs>");
        assertEquals("<bootTest><qemuArgs><qemuArg> (pom.xml line 11): takes a value, not elements such as <x>; "
                + "write the value as the element's text", problems.get(5));
    }

    @Test
    void enumerationsNameTheValidValuesAndAcceptWhatTheirReadersAccept() throws Exception {
        List<String> problems = check("""
                <configuration>
                  <coreboot><payload>linuxboot</payload></coreboot>
                  <compression>bzip9</compression>
                  <edk2><arch>X86</arch><buildTarget>release</buildTarget></edk2>
                  <bootTest><arch>riscv64</arch><directKernel>yes</directKernel><memoryMb>lots</memoryMb></bootTest>
                  <sources><source><kind>svn</kind><signatureCovers>tar</signatureCovers></source></sources>
                  <rootfs><packages><package><kind>cmake</kind></package></packages></rootfs>
                  <toolchains><toolchain><crossgcc><arch>x86</arch></crossgcc></toolchain></toolchains>
                  <machine>pc</machine>
                  <hostComponents><hostComponent>kernel</hostComponent><hostComponent>qemu</hostComponent></hostComponents>
                  <verify>quick</verify>
                  <size>64M</size>
                </configuration>""");
        assertEquals(List.of(
                "<coreboot><payload> (pom.xml line 2): 'linuxboot' is not a valid value; valid: linux, elf, none",
                "<compression> (pom.xml line 3): 'bzip9' is not a valid value; valid: none, gzip, xz, zstd, lz4",
                "<edk2><arch> (pom.xml line 4): 'X86' is not a valid value; valid: X64, AARCH64, IA32, ARM, RISCV64",
                "<edk2><buildTarget> (pom.xml line 4): 'release' is not a valid value; valid: RELEASE, DEBUG, NOOPT",
                "<bootTest><arch> (pom.xml line 5): 'riscv64' is not a valid value; valid: x86_64, aarch64",
                "<bootTest><directKernel> (pom.xml line 5): 'yes' is not a boolean; valid: true, false",
                "<bootTest><memoryMb> (pom.xml line 5): 'lots' is not a whole number",
                "<sources><source><kind> (pom.xml line 6): 'svn' is not a valid value; valid: archive, file, git",
                "<sources><source><signatureCovers> (pom.xml line 6): 'tar' is not a valid value; valid: archive, "
                        + "uncompressed",
                "<rootfs><packages><package><kind> (pom.xml line 7): 'cmake' is not a valid value; valid: kconfig, "
                        + "autotools, make",
                "<toolchains><toolchain><crossgcc><arch> (pom.xml line 8): 'x86' is not a valid value; valid: "
                        + "aarch64, arm, i386, nds32le, ppc64, riscv, x64",
                "<machine> (pom.xml line 9): 'pc' is not a valid value; valid: aarch64-virt, riscv64-virt, "
                        + "loongarch64-virt",
                "<hostComponents><hostComponent> (pom.xml line 10): 'qemu' is not a valid value; valid: sources, "
                        + "toolchain-source, rootfs, kernel, coreboot, ovmf, qemu-x86_64, qemu-aarch64",
                "<verify> (pom.xml line 11): 'quick' is not a valid value; valid: cheap, full",
                "<size> (pom.xml line 12): '64M' is not a whole number"), problems);

        // The spellings the readers take (aliases, case) and expressions Maven evaluates later pass.
        assertEquals(List.of(), check("""
                <configuration>
                  <compression>gz</compression>
                  <edk2><arch>aarch64</arch><buildTarget>DEBUG</buildTarget></edk2>
                  <bootTest><arch>aarch64</arch><directKernel>false</directKernel></bootTest>
                  <sources><source><kind>GIT</kind><signatureCovers>compressed</signatureCovers></source></sources>
                  <coreboot><payload>${payload}</payload></coreboot>
                  <machine>AArch64-Virt</machine>
                  <skip>${firmware.skip}</skip>
                </configuration>"""));
    }

    @Test
    void filesTheBoardNamesMustExistButTheBuildsOwnNeedNot() throws Exception {
        Files.createDirectories(board.resolve("src/main/kernel"));
        Files.writeString(board.resolve("src/main/kernel/board.config"), "CONFIG_PRINTK=y\n");
        List<String> problems = check("""
                <configuration>
                  <kernel>
                    <fragments>
                      <fragment>src/main/kernel/board.config</fragment>
                      <fragment>src/main/kernel/missing.config</fragment>
                    </fragments>
                  </kernel>
                  <coreboot><config>target/firmware/made-by-the-build.config</config></coreboot>
                  <overlays><overlay>src/main/rootfs</overlay></overlays>
                  <code>target/firmware/edk2/fv/QEMU_EFI.fd</code>
                  <listFile>%s</listFile>
                </configuration>""".formatted(board.resolve("src/main/kernel/board.config")));
        assertEquals(List.of("<kernel><fragments><fragment> (pom.xml line 5): file src/main/kernel/missing.config "
                + "does not exist (looked for " + board.resolve("src/main/kernel/missing.config") + "); create it or "
                + "correct the path (relative paths are from the board's directory)",
                "<overlays><overlay> (pom.xml line 9): file src/main/rootfs does not exist (looked for "
                        + board.resolve("src/main/rootfs") + "); create it or correct the path (relative paths are "
                        + "from the board's directory)"), problems);
    }

    @Test
    void anElementCopiedIntoEveryExecutionIsReportedOnce() throws Exception {
        String configuration = "<configuration>\n<kernal/>\n</configuration>";
        assertEquals(1, check(configuration, configuration).size());
    }

    @Test
    void aValidBoardHasNoProblems() throws Exception {
        Files.createDirectories(board.resolve("src/main/kernel"));
        Files.writeString(board.resolve("src/main/kernel/x86_64.config"), "");
        assertEquals(List.of(), check("""
                <configuration>
                  <sources>
                    <source><name>linux</name><version>6.1</version><url>https://example.org/l.tar.xz</url>
                      <sha256>aa</sha256><license>GPL-2.0-only</license><unverified>false</unverified></source>
                  </sources>
                  <toolchains><toolchain><name>target</name><target>x86_64</target><publish>false</publish></toolchain>
                    <toolchain><name>musl</name><source><triple>x86_64-linux-musl</triple></source></toolchain>
                  </toolchains>
                  <kernel><source>linux</source><defconfig>tinyconfig</defconfig>
                    <fragments><fragment>src/main/kernel/x86_64.config</fragment></fragments>
                    <makeVariables><makeVariable>LOCALVERSION=-x</makeVariable></makeVariables></kernel>
                  <rootfs><toolchain>target</toolchain><packages><package><name>busybox</name><kind>kconfig</kind>
                    </package></packages></rootfs>
                  <bootTest><arch>x86_64</arch><memoryMb>512</memoryMb><timeoutSeconds>60</timeoutSeconds></bootTest>
                </configuration>"""));
    }

    @Test
    void everyEnumeratedElementExists() throws Exception {
        Set<String> top = parameters().keySet();
        for (String key : ConfigCheck.choiceKeys()) {
            int dot = key.indexOf('.');
            if (dot < 0) {
                assertTrue(top.contains(key), key);
            } else {
                Class<?> c = Class.forName(Board.class.getPackageName() + "." + key.substring(0, dot));
                assertNotNull(ConfigCheck.fields(c).get(key.substring(dot + 1)), key);
            }
        }
    }

    @Test
    void theTimeStampIsCheckedAsEveryGoalReadsIt() {
        assertEquals("<project.build.outputTimestamp> (-Dproject.build.outputTimestamp on the command line): "
                + "'yesterday' is neither seconds since 1970 nor an ISO-8601 time; valid: e.g. 2026-01-01T00:00:00Z "
                + "or 1767225600", ConfigCheck.timestamp(null, "yesterday",
                        "-Dproject.build.outputTimestamp on the command line").text());
        assertNull(ConfigCheck.timestamp(null, "2026-01-01T00:00:00Z", "pom.xml line 3"));
        assertNull(ConfigCheck.timestamp(null, "1767225600", "pom.xml line 3"));
        assertNull(ConfigCheck.timestamp(null, "${project.build.outputTimestamp}", null));
        // SOURCE_DATE_EPOCH wins, so only it is checked.
        assertNull(ConfigCheck.timestamp("1767225600", "yesterday", "pom.xml line 3"));
        assertEquals("SOURCE_DATE_EPOCH (the environment): 'today' is not a number of seconds since 1970; unset it "
                + "or set it to e.g. 1767225600", ConfigCheck.timestamp("today", null, null).text());
    }

    @Test
    void theReportListsEveryProblemAndWhatToDo() {
        String report = ConfigCheck.report(List.of(new ConfigCheck.Problem("<kernal>", "pom.xml line 2",
                "unknown element")), "This host lacks 1 tool(s) the board needs:\n  - command qemu-system-x86_64");
        assertEquals("The board's configuration has 1 problem(s):\n  - <kernal> (pom.xml line 2): unknown element\n"
                + "Correct them in the pom (or on the command line) and run again; nothing was downloaded or built.\n"
                + "This host lacks 1 tool(s) the board needs:\n  - command qemu-system-x86_64", report);
        assertNull(ConfigCheck.report(List.of(), null));
    }

    @Test
    void theBoardIsReadFromTheConfigurationAsMavenWouldInjectIt() throws Exception {
        ConfigNode c = parse("""
                <configuration>
                  <sources><source><name>linux</name></source></sources>
                  <toolchains><toolchain><name>target</name><prefix>aarch64-linux-gnu-</prefix></toolchain></toolchains>
                  <kernel><defconfg>typo</defconfg><fragments><fragment>src/a.config</fragment></fragments></kernel>
                  <bootTest><arch>aarch64</arch><memoryMb>not-a-number</memoryMb></bootTest>
                </configuration>""", "pom.xml");
        Board b = Board.fromConfiguration(board, board.resolve("target/firmware"), c);
        assertEquals(Set.of("sources", "kernel", "qemu-aarch64"), b.hostComponents());
        assertEquals(List.of("aarch64-linux-gnu-gcc"), b.toolchainCompilers().stream()
                .map(io.github.firmwaremaven.host.HostRequirement::name).toList());
        Kernel k = (Kernel) field(b, "kernel");
        assertEquals(List.of(board.resolve("src/a.config").toFile()), k.fragments);
        assertEquals("defconfig", k.defconfig, "an unknown element leaves the default");
        assertEquals(256, ((BootTest) field(b, "bootTest")).memoryMb, "a bad number leaves the default");
    }

    private static Object field(Board b, String name) throws Exception {
        java.lang.reflect.Field f = Board.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(b);
    }
}
