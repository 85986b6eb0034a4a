def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
try {
    def state = new Properties(); new File(basedir, 'work/state.properties').withInputStream { state.load(it) }
    def log = new File(basedir, 'build.log').text
    def base = "http://127.0.0.1:${state.port}"
    def requests = ngx.requests.collect { "${it.line} ${it.status} range=${it.range ?: '-'}".toString() }
    // good: continued once, then from scratch; flaky: continued once, then the fresh try is refused twice.
    assert requests == ['GET /releases/good-1.0.tar.gz HTTP/1.1 206 range=bytes=1000-',
                        'GET /releases/good-1.0.tar.gz HTTP/1.1 200 range=-',
                        'GET /flaky/flaky-1.0.tar.gz HTTP/1.1 206 range=bytes=1000-',
                        'GET /flaky/flaky-1.0.tar.gz HTTP/1.1 503 range=-',
                        'GET /flaky/flaky-1.0.tar.gz HTTP/1.1 503 range=-'] : requests
    assert log.contains("Source 'good': good-1.0.tar.gz from ${base}/releases/good-1.0.tar.gz was continued from a partial download and did not verify; removed it and downloading again from scratch") : log
    assert log.contains("Downloaded good-1.0.tar.gz from ${base}/releases/good-1.0.tar.gz")
    def good = new File(basedir, "downloads/v1/sha256/${state.good.substring(0, 2)}/${state.good}/good-1.0.tar.gz")
    assert good.isFile() && new File(good.path + '.verified').isFile()

    assert log.contains("Source 'flaky': could not download flaky-1.0.tar.gz") : log
    assert log.contains("A download continued from a partial file (${base}/flaky/flaky-1.0.tar.gz) did not verify, so it was removed and started again from scratch, which did not complete. This is not a sign of a wrong pin: run the build again.") : log
    assert log.contains("${base}/flaky/flaky-1.0.tar.gz (HTTP 503")
    assert !log.contains('re-pin') : 'a resume artefact is not a pin problem'
    assert !log.contains('does not match its pinned digest')
    assert !new File(basedir, 'downloads/v1/quarantine').exists() : 'resume artefacts are not quarantined'
    def parts = []
    new File(basedir, 'downloads').eachFileRecurse { if (it.name.endsWith('.part')) parts << it }
    assert parts.isEmpty() : parts
} finally {
    ngx.stop()
}
return true
