def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def log = new File(basedir, 'build.log').text
def actual = java.security.MessageDigest.getInstance('SHA-256').digest(new File(basedir, 'work/served/up/hello-1.0.tar.gz').bytes).encodeHex().toString()
assert log.contains('expected sha256 ' + 'a' * 64)
assert log.contains(actual) : 'actual digest named'
assert log =~ /http:\/\/127\.0\.0\.1:\d+\/up\/hello-1\.0\.tar\.gz \(digest mismatch\)/
// The download that did not match went to the quarantine named by its actual digest, nowhere else.
def quarantined = new File(basedir, "downloads/v1/quarantine/sha256-${actual}/hello-1.0.tar.gz")
assert quarantined.isFile() : 'kept in quarantine'
assert log.contains('quarantined as ' + quarantined.path)
def left = []
new File(basedir, 'downloads').eachFileRecurse { if (it.isFile() && !it.path.contains('/v1/.locks/') && it != quarantined) left << it }
assert left.isEmpty() : "cache left clean: ${left}"
return true
