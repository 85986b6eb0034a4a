import java.security.MessageDigest
import java.util.concurrent.TimeUnit

def work = new File(basedir, 'work')
def top = new File(work, 'many-1.0')
// Enough files that extraction takes a while; random bytes so that the download does too.
for (int d = 0; d < 100; d++) {
    def dir = new File(top, "d${d}"); dir.mkdirs()
    for (int f = 0; f < 200; f++) { new File(dir, "f${f}.c").text = "int f${d}_${f}(void) { return ${f}; }\n" }
}
def noise = new byte[3 * 1024 * 1024]; new Random(3).nextBytes(noise); new File(top, 'noise.bin').bytes = noise
new File(work, 'served').mkdirs()
def p = new ProcessBuilder('tar', 'czf', 'served/many-1.0.tar.gz', 'many-1.0').directory(work).start(); assert p.waitFor() == 0
def archive = new File(work, 'served/many-1.0.tar.gz').bytes
// Debian's nginx (it/src/it-lib/nginx.groovy) sends the archive slowly (about 5 s in all, Range requests too),
// so that a build can be killed half way through the download.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir, servers: [main: 'limit_rate 640k;'])
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@PORT@', "${ngx.port}")
        .replace('@SHA_HELLO@', MessageDigest.getInstance('SHA-256').digest(archive).encodeHex().toString())

def outerRepo = new File(System.getProperty('maven.repo.local') ?: "${System.getProperty('user.home')}/.m2/repository")
new File(basedir, 'kill-settings.xml').text = """<settings><mirrors><mirror><id>outer</id><mirrorOf>*</mirrorOf>
<url>${outerRepo.toURI()}</url></mirror></mirrors></settings>"""
def version = (pom.text =~ /<artifactId>firmware-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
def maven = { String log ->
    // bin/mvn ends in exec java, so the process we hold is Maven's JVM itself: destroyForcibly is kill -9.
    new ProcessBuilder(new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-s', 'kill-settings.xml',
            "-Dmaven.repo.local=${localRepositoryPath}", "io.github.firmwaremaven:firmware-maven-plugin:${version}:fetch-sources")
            .directory(basedir).redirectErrorStream(true).redirectOutput(new File(basedir, log)).start()
}
def waitFor = { long seconds, Closure<Boolean> cond ->
    long end = System.nanoTime() + seconds * 1_000_000_000L
    while (!cond()) { if (System.nanoTime() > end) return false; Thread.sleep(5) }
    return true
}
def sha = MessageDigest.getInstance('SHA-256').digest(archive).encodeHex().toString()
def part = new File(basedir, "downloads/v1/sha256/${sha.substring(0, 2)}/${sha}/many-1.0.tar.gz.part")

// 1. Killed half way through the download.
def first = maven('kill-during-download.log')
assert waitFor(120) { part.length() > archive.length / 3 } : 'the first build never downloaded'
first.destroyForcibly(); first.waitFor(30, TimeUnit.SECONDS)
def evidence = ["download: part=${part.length()} of ${archive.length}"]
assert part.isFile() && part.length() > 0 && part.length() < archive.length : evidence

// 2. Killed while extracting.
def sources = new File(basedir, 'cache/build/sources')
def second = maven('kill-during-extraction.log')
boolean caught = waitFor(120) {
    def tmp = sources.listFiles()?.find { it.name.contains('.tmp-') }
    tmp != null && new File(tmp, 'tree/d1').isDirectory()
}
second.destroyForcibly(); second.waitFor(30, TimeUnit.SECONDS)
evidence << "extraction: caught=${caught} leftovers=${sources.list()?.toList()}"
assert caught : evidence
assert !(sources.listFiles()?.any { it.isDirectory() && !it.name.contains('.tmp-') }) : 'no finished tree yet: ' + evidence
new File(basedir, 'evidence.txt').text = evidence.join('\n') + '\n'
return true
