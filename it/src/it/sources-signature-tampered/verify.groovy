def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def log = new File(basedir, 'build.log').text
// The digest matched (the pin is the replaced file's), so the signature is what stopped it.
assert !log.contains('does not match its pinned digest') : 'the digest check should have passed'
assert log =~ /Source 'hello': BAD SIGNATURE: \S*signatures\/sha256-[0-9a-f]{64}\/hello-1\.0\.tar\.gz\.asc \(key 0458A36CCF871BF4\) does not match hello-1\.0\.tar\.gz/
assert log.contains('Nothing of hello-1.0.tar.gz was extracted')
def trees = new File(basedir, 'cache/build/sources').listFiles()?.findAll { !it.name.startsWith('.') } ?: []
assert trees.isEmpty() : "no tree prepared: ${trees}"
assert !new File(basedir, 'target/firmware/sources.properties').exists()
assert ngx.requests.any { it.uri == '/hello-1.0.tar.gz.asc' } : 'the signature was fetched from the server'
return true
