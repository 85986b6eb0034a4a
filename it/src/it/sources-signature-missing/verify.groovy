def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def log = new File(basedir, 'build.log').text
assert log.contains("Source 'hello': could not download its signature hello-1.0.tar.gz.asc (<signature>http://127.0.0.1:")
assert log =~ /http:\/\/127\.0\.0\.1:\d+\/hello-1\.0\.tar\.gz\.asc \(HTTP 404/
def trees = new File(basedir, 'cache/build/sources').listFiles()?.findAll { !it.name.startsWith('.') } ?: []
assert trees.isEmpty() : "no tree prepared: ${trees}"
return true
