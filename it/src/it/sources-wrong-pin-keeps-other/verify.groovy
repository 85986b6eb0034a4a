import java.security.MessageDigest

def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
def fx = evaluate(new File(itLib, 'fixtures.groovy'))
def boardA = new File(basedir, 'board-a')
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
    def requestsSoFar = { ngx.requests.collect { "${it.line} ${it.status} range=${it.range ?: '-'}".toString() } }
    def before = requestsSoFar()
    assert before.size() == 2 : before
    fx.goals(basedir, localRepositoryPath, 'board-a-offline.log', ['fetch-sources'], boardA, ['-o'])
    assert requestsSoFar() == before
    def registry = new Properties()
    new File(boardA, 'target/firmware/sources.properties').withInputStream { registry.load(it) }
    assert new File(registry.getProperty('hello.tree'), 'hello.c').isFile()
    assert new File(registry.getProperty('hello.archive')).canonicalPath == cached.canonicalPath

    // cache-prune empties the quarantine and keeps the verified file.
    fx.goals(basedir, localRepositoryPath, 'prune.log', ['cache-prune'], boardA, ['-o'])
    assert new File(basedir, 'prune.log').text =~ /Removed 1 quarantined file\(s\) from \S+downloads/
    assert !quarantined.exists() && !new File(basedir, 'downloads/v1/quarantine').exists()
    assert cached.isFile()
} finally {
    ngx.stop()
}
return true
