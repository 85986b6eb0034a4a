def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def log = new File(basedir, 'build.log').text
// served/hello-1.0.tar.gz.asc was made with gpg by "Someone Else", key D40D6CB234A09B47; the board lists the upstream's.
assert log.contains("Source 'hello': the signature ")
assert log =~ /signatures\/sha256-[0-9a-f]{64}\/hello-1\.0\.tar\.gz\.asc of hello-1\.0\.tar\.gz is made by key D40D6CB234A09B47, which is not one of the keys this source allows \(0458A36CCF871BF4\)/
assert log.contains('Nothing of hello-1.0.tar.gz was extracted')
def trees = new File(basedir, 'cache/build/sources').listFiles()?.findAll { !it.name.startsWith('.') } ?: []
assert trees.isEmpty() : "no tree prepared: ${trees}"
assert !new File(basedir, 'target/firmware/sources.properties').exists()
return true
