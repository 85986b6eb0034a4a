def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
def downloads = new File(basedir, 'downloads')
try {
    def log = new File(basedir, 'build.log').text
    def port = new File(basedir, 'work/port').text
    assert log.contains("Source 'big': could not write big-1.0.tar.gz into the download cache ${downloads.path}: No space left on device") : log
    assert log =~ /the partial download was removed; \S+ now has \d+ KiB free, the file needs 3072 KiB\./ : log
    assert log.contains('Free space there, or point -Dfirmware.downloadCache at a directory with room') : log
    assert !log.contains('retrying') : 'a full disk is not a network error'
    assert !log.contains('transfer broke')
    def requests = ngx.requests.collect { "${it.line} ${it.status} range=${it.range ?: '-'}".toString() }
    assert requests.size() == 1 && requests[0].startsWith('GET /big-1.0.tar.gz HTTP/1.1 200') : requests
    def parts = []
    downloads.eachFileRecurse { if (it.name.endsWith('.part')) parts << it }
    assert parts.isEmpty() : "the .part was to be removed: ${parts}"
} finally {
    ngx.stop()
    def u = new ProcessBuilder('umount', downloads.path).redirectErrorStream(true).start()
    assert u.waitFor() == 0 : u.text
}
return true
