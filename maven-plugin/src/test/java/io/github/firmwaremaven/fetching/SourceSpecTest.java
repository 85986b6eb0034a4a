package io.github.firmwaremaven.fetching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link SourceSpec.Builder#build()} and the overrides file refuse before anything is fetched. */
class SourceSpecTest {
    static final String SHA = "a".repeat(64);

    @TempDir
    Path tmp;

    static String refused(SourceSpec.Builder b) {
        return assertThrows(FirmwareException.class, b::build).getMessage();
    }

    @Test
    void aUrlWithASpaceIsRefusedNamingTheSourceTheElementAndTheFix() {
        String m = refused(SourceSpec.builder("hello").url("http://127.0.0.1:8080/my file.tar.gz").sha256(SHA));
        assertEquals("Source 'hello': <url> 'http://127.0.0.1:8080/my file.tar.gz' contains a space at index 24; "
                + "write it percent-encoded (a space is %20)", m);
    }

    @Test
    void theElementOfAUrlFromUrlsIsNamed() {
        String m = refused(SourceSpec.builder("hello").url("https://example.org/a.tar.gz")
                .url("https://example.org/b c.tar.gz", "<urls><url>").sha256(SHA));
        assertTrue(m.startsWith("Source 'hello': <urls><url> 'https://example.org/b c.tar.gz' contains a space"), m);
    }

    @Test
    void aBrokenIpv6BracketIsRefusedWithTheBracketRule() {
        String m = refused(SourceSpec.builder("hello").url("http://[::1:8080/hello.tar.gz").sha256(SHA));
        assertTrue(m.startsWith("Source 'hello': <url> 'http://[::1:8080/hello.tar.gz' is not a valid URL ("), m);
        assertTrue(m.contains("an IPv6 address goes in one pair of brackets, e.g. http://[::1]:8080/file.tar.gz"), m);
        // Well-formed IPv6 passes.
        SourceSpec.Builder ok = SourceSpec.builder("hello").url("http://[::1]:8080/hello.tar.gz").sha256(SHA);
        assertEquals("hello.tar.gz", assertDoesNotThrow(ok).fileName());
    }

    @Test
    void aUrlWithoutAHostIsRefused() {
        String m = refused(SourceSpec.builder("hello").url("http:///x").fileName("x.tar.gz").sha256(SHA));
        assertEquals("Source 'hello': <url> 'http:///x' has no host name (or an unreadable host or port); write it "
                + "as http://HOST[:PORT]/path", m);
        assertTrue(refused(SourceSpec.builder("hello").url("https://:99/x.tgz").sha256(SHA)).contains("no host name"));
    }

    @Test
    void credentialsInsideAUrlAreRefusedInFavourOfServerId() {
        String m = refused(SourceSpec.builder("hello").url("https://bob:pw@example.org/x.tgz").sha256(SHA));
        assertTrue(m.contains("holds a user name or password") && m.contains("<serverId>"), m);
    }

    @Test
    void otherSchemesAndRelativeFileUrlsAreRefused() {
        assertTrue(refused(SourceSpec.builder("hello").url("ftp://example.org/x.tgz").sha256(SHA))
                .contains("is not http:, https: or file:"));
        assertTrue(refused(SourceSpec.builder("hello").url("file:x.tgz").sha256(SHA))
                .contains("is not an absolute file URL"));
        assertTrue(refused(SourceSpec.builder("hello").url("example.org/x.tgz").sha256(SHA)).contains("has no scheme"));
    }

    @Test
    void gitUrlsKeepTheirOwnForms() throws Exception {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        for (String u : List.of("/srv/git/repo.git", "git@example.org:repo.git", "ssh://git@example.org/r.git",
                "https://example.org/r.git")) {
            SourceSpec.builder("g").kind("git").url(u).commit(commit).build();
        }
        assertTrue(refused(SourceSpec.builder("g").kind("git").url("https://example.org/my repo.git").commit(commit))
                .contains("contains a space"));
    }

    @Test
    void aVersionThatWouldLeaveThePatchDirectoryIsRefused() {
        for (String v : List.of("a/../b", "..", "1.0/x", "..\\x", "1.0 rc")) {
            String m = refused(SourceSpec.builder("hello").version(v).url("https://example.org/h.tgz").sha256(SHA));
            assertEquals("Source 'hello': <version>" + v + "</version> must be a plain label without '/', '\\', '..' "
                    + "or spaces (it names the patch directory <patches>/<source>/<version>); e.g. 6.6.30 or "
                    + "2024.02-rc1", m);
        }
        for (String v : List.of("6.6.30", "2024.02-rc1", "1:2.3+dfsg~1", "v1.0_beta")) {
            assertEquals(v, assertDoesNotThrow(SourceSpec.builder("hello").version(v)
                    .url("https://example.org/h.tgz").sha256(SHA)).version());
        }
    }

    @Test
    void theOverridesFileNamesItsKeyForABadUrlOrVersion() throws Exception {
        SourceSpec hello = SourceSpec.builder("hello").url("https://example.org/h.tgz").sha256(SHA).build();
        Path file = tmp.resolve("o.properties");
        Files.writeString(file, "hello.url = http:///h-2.tgz\nhello.sha256 = " + SHA + "\n");
        String m = assertThrows(FirmwareException.class,
                () -> Overrides.read(file).apply(List.of(hello), new ArrayList<>())).getMessage();
        assertEquals("Source overrides file " + file + ": key 'hello.url' (source 'hello'): 'http:///h-2.tgz' has no "
                + "host name (or an unreadable host or port); write it as http://HOST[:PORT]/path; several URLs are "
                + "separated by spaces", m);
        Files.writeString(file, "hello.version = ../../etc\nhello.sha256 = " + SHA + "\n");
        m = assertThrows(FirmwareException.class,
                () -> Overrides.read(file).apply(List.of(hello), new ArrayList<>())).getMessage();
        assertTrue(m.startsWith("Source overrides file " + file + ": key 'hello.version' (source 'hello'): "
                + "'../../etc' must be a plain label"), m);
    }

    @Test
    void aRepinToAnotherOriginDropsTheServerIdUnlessTheOverridesFileGivesOne() throws Exception {
        SourceSpec hello = SourceSpec.builder("hello").url("https://vendor.example/h.tgz").sha256(SHA)
                .serverId("vendor").build();
        Path file = tmp.resolve("o.properties");
        List<String> changes = new ArrayList<>();
        Files.writeString(file, "hello.url = https://vendor.example:443/h-2.tgz\nhello.sha256 = " + SHA + "\n");
        assertEquals("vendor", Overrides.read(file).apply(List.of(hello), changes).get(0).serverId());
        Files.writeString(file, "hello.url = https://mirror.example/h-2.tgz\nhello.sha256 = " + SHA + "\n");
        assertNull(Overrides.read(file).apply(List.of(hello), changes).get(0).serverId());
        assertTrue(changes.stream().anyMatch(c -> c.contains("<serverId>vendor not used for the re-pinned URLs")),
                changes.toString());
        Files.writeString(file, "hello.url = https://mirror.example/h-2.tgz\nhello.sha256 = " + SHA
                + "\nhello.serverId = site-mirror\n");
        assertEquals("site-mirror", Overrides.read(file).apply(List.of(hello), changes).get(0).serverId());
    }

    private static SourceSpec assertDoesNotThrow(SourceSpec.Builder b) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(b::build);
    }
}
