def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def counts = ngx.paths
assert counts == ['/hello-1.0.tar.gz'] : "one download in all, none offline: ${counts}"
def registry = new Properties()
new File(basedir, 'target/firmware/sources.properties').withInputStream { registry.load(it) }
assert new File(registry.getProperty('hello.tree'), 'hello.c').isFile()
return true
