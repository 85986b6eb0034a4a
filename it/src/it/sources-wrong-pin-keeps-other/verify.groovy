import java.security.MessageDigest
import java.util.concurrent.TimeUnit

def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
try {
    def state = new Properties(); new File(basedir, 'work/state.properties').withInputStream { state.load(it) }
    String sha = state.sha
    String wrong = 'b' + sha.substring(1).reverse()
    def log = new File(basedir, 'build.log').text
    def url = "http://127.0.0.1:${state.port}/releases/hello-1.0.tar.gz"
    def quarantined = new File(basedir, "downloads/v1/quarantine/sha256-${sha}/hello-1.0.tar.gz")
    // Both digests, the URL, the quarantine and what to do.
    assert log.contains("Source 'hello': hello-1.0.tar.gz does not match its pinned digest") : log
    assert log.contains("expected sha256 ${wrong}") : log
    assert log.contains("actual: ${url} gave sha256 ${sha}") : log
    assert log.contains("quarantined as ${quarantined.path}") : log
    assert log.contains('re-pin it') : log
    assert quarantined.isFile()

    // Board A's file is still there, unchanged, with its record.
    def cached = new File(basedir, "downloads/v1/sha256/${sha.substring(0, 2)}/${sha}/hello-1.0.tar.gz")
    assert cached.isFile() : 'board B deleted board A\'s file'
    assert MessageDigest.getInstance('SHA-256').digest(cached.bytes).encodeHex().toString() == sha
    assert MessageDigest.getInstance('SHA-256').digest(new File(cached.path + '.verified').readLines()
            .findAll { !it.startsWith('#') }.join('|').bytes).encodeHex().toString() == state.record : 'record rewritten'
    assert !new File(basedir, "downloads/v1/sha256/${wrong.substring(0, 2)}/${wrong}/hello-1.0.tar.gz").exists()

    // Board A still builds offline, and asks nginx for nothing.
    def before = ngx.requests.collect { "${it.line} ${it.status} range=${it.range ?: '-'}".toString() }
    assert before.size() == 2 : before
    def a = new ProcessBuilder(new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-o', '-s',
            "${basedir}/first-settings.xml", "-Dmaven.repo.local=${localRepositoryPath}",
            "io.github.firmwaremaven:firmware-maven-plugin:${state.version}:fetch-sources")
            .directory(new File(basedir, 'board-a')).redirectErrorStream(true)
            .redirectOutput(new File(basedir, 'board-a-offline.log')).start()
    assert a.waitFor(300, TimeUnit.SECONDS) && a.exitValue() == 0 : new File(basedir, 'board-a-offline.log').text
    assert ngx.requests.collect { "${it.line} ${it.status} range=${it.range ?: '-'}".toString() } == before
    def registry = new Properties()
    new File(basedir, 'board-a/target/firmware/sources.properties').withInputStream { registry.load(it) }
    assert new File(registry.getProperty('hello.tree'), 'hello.c').isFile()
    assert new File(registry.getProperty('hello.archive')).canonicalPath == cached.canonicalPath

    // cache-prune empties the quarantine and keeps the verified file.
    def prune = new ProcessBuilder(new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-o', '-s',
            "${basedir}/first-settings.xml", "-Dmaven.repo.local=${localRepositoryPath}",
            "io.github.firmwaremaven:firmware-maven-plugin:${state.version}:cache-prune")
            .directory(new File(basedir, 'board-a')).redirectErrorStream(true)
            .redirectOutput(new File(basedir, 'prune.log')).start()
    assert prune.waitFor(300, TimeUnit.SECONDS) && prune.exitValue() == 0 : new File(basedir, 'prune.log').text
    assert new File(basedir, 'prune.log').text =~ /Removed 1 quarantined file\(s\) from \S+downloads/
    assert !quarantined.exists() && !new File(basedir, 'downloads/v1/quarantine').exists()
    assert cached.isFile()
} finally {
    ngx.stop()
}
return true
