import java.nio.file.Files
import java.nio.file.attribute.FileTime
import java.security.MessageDigest

def work = new File(basedir, 'work'); work.mkdirs()
def pom = new File(basedir, 'pom.xml')
def text = pom.text
def shas = [:]
['one', 'two'].each { name ->
    new File(work, "${name}-1.0").mkdirs()
    new File(work, "${name}-1.0/${name}.c").text = "int ${name};\n"
    def p = new ProcessBuilder('tar', 'czf', "${name}-1.0.tar.gz", "${name}-1.0").directory(work).redirectErrorStream(true).start()
    assert p.waitFor() == 0 : p.text
    def f = new File(work, "${name}-1.0.tar.gz")
    shas[name] = MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString()
    text = text.replace("@URL_${name.toUpperCase()}@", f.toURI().toString()).replace("@SHA_${name.toUpperCase()}@", shas[name])
}
pom.text = text

// First build, online: fills and verifies the cache.
evaluate(new File(itLib, 'fixtures.groovy')).goals(basedir, localRepositoryPath, 'first-build.log', ['fetch-sources'])

// 'two' gets a stale record (new mtime), so the read-only build must hash it instead of trusting it.
def two = new File(basedir, "downloads/v1/sha256/${shas.two.substring(0, 2)}/${shas.two}/two-1.0.tar.gz")
assert two.isFile()
Files.setLastModifiedTime(two.toPath(), FileTime.fromMillis(two.lastModified() - 60_000))

def downloads = new File(basedir, 'downloads')
def run = { String... cmd ->
    def p = new ProcessBuilder(cmd).redirectErrorStream(true).start(); def out = p.text
    assert p.waitFor() == 0 : "${cmd.join(' ')}: ${out}"
}
run('mount', '--bind', downloads.path, downloads.path)
try {
    run('mount', '-o', 'remount,ro,bind', downloads.path)
} catch (Throwable t) {
    run('umount', downloads.path)
    throw t
}
return true
