import java.nio.file.Files
import java.nio.file.attribute.FileTime
import java.security.MessageDigest
import java.util.concurrent.TimeUnit

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
def outerRepo = new File(System.getProperty('maven.repo.local') ?: "${System.getProperty('user.home')}/.m2/repository")
new File(basedir, 'first-settings.xml').text = """<settings><mirrors><mirror><id>outer</id><mirrorOf>*</mirrorOf>
<url>${outerRepo.toURI()}</url></mirror></mirrors></settings>"""
def version = (pom.text =~ /<artifactId>firmware-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
def first = new ProcessBuilder(new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-s', 'first-settings.xml',
        "-Dmaven.repo.local=${localRepositoryPath}", "io.github.firmwaremaven:firmware-maven-plugin:${version}:fetch-sources")
        .directory(basedir).redirectErrorStream(true).redirectOutput(new File(basedir, 'first-build.log')).start()
assert first.waitFor(300, TimeUnit.SECONDS) && first.exitValue() == 0 : new File(basedir, 'first-build.log').text

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
