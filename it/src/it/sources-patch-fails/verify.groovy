def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def log = new File(basedir, 'build.log').text
assert log.contains('0001-stale.patch')
assert log.contains('hello.c') && log.contains('Hunk #1 FAILED')
def trees = new File(basedir, 'cache/build/sources').listFiles().findAll { it.isDirectory() }
assert trees.isEmpty() : "no tree left: ${trees}"
return true
