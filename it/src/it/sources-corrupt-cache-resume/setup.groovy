import java.nio.file.Files
import java.nio.file.attribute.FileTime
import java.security.MessageDigest

def work = new File(basedir, 'work'); new File(work, 'many-1.0').mkdirs()
def noise = new byte[4 * 1024 * 1024]; new Random(5).nextBytes(noise); new File(work, 'many-1.0/noise.bin').bytes = noise
['served', 'full'].each { new File(work, it).mkdirs() }
def p = new ProcessBuilder('tar', 'czf', 'served/many-1.0.tar.gz', 'many-1.0').directory(work).start(); assert p.waitFor() == 0
def archive = new File(work, 'served/many-1.0.tar.gz').bytes
// Debian's nginx (it/src/it-lib/nginx.groovy): a GET without Range is served slowly from a copy in work/full,
// which the watcher below cuts to half while nginx sends it (nginx then drops the connection: the transfer
// breaks half way, as a real one does); a Range GET is served from the intact file in work/served.
def full = new File(work, 'full/many-1.0.tar.gz'); full.bytes = archive
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir, servers: [main: """
location / {
  if (\$http_range = "") { root ${full.parentFile}; limit_rate 1m; }
}
"""])
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@PORT@', "${ngx.port}")
        .replace('@SHA_HELLO@', MessageDigest.getInstance('SHA-256').digest(archive).encodeHex().toString())

// First build: fills and verifies the cache.
evaluate(new File(itLib, 'fixtures.groovy')).goals(basedir, localRepositoryPath, 'first-build.log', ['fetch-sources'])
def sha = MessageDigest.getInstance('SHA-256').digest(archive).encodeHex().toString()
def cached = new File(basedir, "downloads/v1/sha256/${sha.substring(0, 2)}/${sha}/many-1.0.tar.gz")
assert cached.length() == archive.length

// Flip one byte in place, then put the mtime back: size and mtime say nothing changed.
def mtime = Files.getLastModifiedTime(cached.toPath())
Thread.sleep(20)
new RandomAccessFile(cached, 'rw').withCloseable { raf -> raf.seek(1000); int b = raf.read(); raf.seek(1000); raf.write(b ^ 0xff) }
Files.setLastModifiedTime(cached.toPath(), mtime)
// The build's requests are the ones after these; the next full GET breaks half way: once a quarter has
// arrived in a .part, the copy nginx reads shrinks to half (nginx had opened it at full size).
new File(basedir, 'work/first-requests').text = "${ngx.requests.size()}"
def downloads = new File(basedir, 'downloads')
def cutter = new Thread({
    long end = System.nanoTime() + 300_000_000_000L
    while (System.nanoTime() < end) {
        def parts = []
        downloads.eachFileRecurse { if (it.name.endsWith('.part')) parts << it }
        if (parts.any { it.length() > archive.length / 4 }) {
            new RandomAccessFile(full, 'rw').withCloseable { it.setLength(archive.length.intdiv(2)) }
            return
        }
        Thread.sleep(10)
    }
} as Runnable, 'cut-the-transfer')
cutter.daemon = true
cutter.start()
return true
