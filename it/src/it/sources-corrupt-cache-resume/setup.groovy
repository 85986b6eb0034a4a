import com.sun.net.httpserver.HttpServer
import java.nio.file.Files
import java.nio.file.attribute.FileTime
import java.security.MessageDigest
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong

def work = new File(basedir, 'work'); new File(work, 'many-1.0').mkdirs()
def noise = new byte[4 * 1024 * 1024]; new Random(5).nextBytes(noise); new File(work, 'many-1.0/noise.bin').bytes = noise
def p = new ProcessBuilder('tar', 'czf', 'many-1.0.tar.gz', 'many-1.0').directory(work).start(); assert p.waitFor() == 0
def archive = new File(work, 'many-1.0.tar.gz').bytes
def cut = new AtomicBoolean(false)
def sent = new AtomicLong()
def log = Collections.synchronizedList([])
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/') { ex ->
    try {
        def range = ex.requestHeaders.getFirst('Range')
        int from = range ? Integer.parseInt(range.substring(6, range.indexOf('-'))) : 0
        int status = range ? 206 : 200
        log << "${status} ${range ?: 'full'}"
        if (range) ex.responseHeaders.add('Content-Range', "bytes ${from}-${archive.length - 1}/${archive.length}")
        ex.sendResponseHeaders(status, archive.length - from)
        int end = cut.getAndSet(false) ? archive.length.intdiv(2) : archive.length
        ex.responseBody.write(archive, from, end - from); ex.responseBody.flush()
        sent.addAndGet(end - from)
        if (end < archive.length) throw new IOException('cut on purpose')
    } catch (IOException ignored) {
    } finally {
        ex.close()
    }
}
server.start()
System.properties.put('it.sources-corrupt-cache-resume.server', server)
System.properties.put('it.sources-corrupt-cache-resume.log', log)
System.properties.put('it.sources-corrupt-cache-resume.sent', sent)
System.properties.put('it.sources-corrupt-cache-resume.size', archive.length)
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@PORT@', "${server.address.port}")
        .replace('@SHA_HELLO@', MessageDigest.getInstance('SHA-256').digest(archive).encodeHex().toString())

// First build: fills and verifies the cache.
def outerRepo = new File(System.getProperty('maven.repo.local') ?: "${System.getProperty('user.home')}/.m2/repository")
new File(basedir, 'first-settings.xml').text = """<settings><mirrors><mirror><id>outer</id><mirrorOf>*</mirrorOf>
<url>${outerRepo.toURI()}</url></mirror></mirrors></settings>"""
def version = (pom.text =~ /<artifactId>firmware-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
def first = new ProcessBuilder(new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-s', 'first-settings.xml',
        "-Dmaven.repo.local=${localRepositoryPath}", "io.github.firmwaremaven:firmware-maven-plugin:${version}:fetch-sources")
        .directory(basedir).redirectErrorStream(true).redirectOutput(new File(basedir, 'first-build.log')).start()
assert first.waitFor(300, TimeUnit.SECONDS) && first.exitValue() == 0 : new File(basedir, 'first-build.log').text
def sha = MessageDigest.getInstance('SHA-256').digest(archive).encodeHex().toString()
def cached = new File(basedir, "downloads/v1/sha256/${sha.substring(0, 2)}/${sha}/many-1.0.tar.gz")
assert cached.length() == archive.length

// Flip one byte in place, then put the mtime back: size and mtime say nothing changed.
def mtime = Files.getLastModifiedTime(cached.toPath())
Thread.sleep(20)
new RandomAccessFile(cached, 'rw').withCloseable { raf -> raf.seek(1000); int b = raf.read(); raf.seek(1000); raf.write(b ^ 0xff) }
Files.setLastModifiedTime(cached.toPath(), mtime)
log.clear(); sent.set(0); cut.set(true)
return true
