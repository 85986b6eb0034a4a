def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def requests = ngx.paths
assert requests == ['/mirror/hello-2.0.tar.gz', '/up/hello-2.0.tar.gz'] : requests
def registry = new Properties()
new File(basedir, 'target/firmware/sources.properties').withInputStream { registry.load(it) }
assert new File(registry.getProperty('hello.tree'), 'hello.c').text == 'version 2\n'
assert registry.getProperty('hello.version') == '2.0'
assert new File(basedir, 'build.log').text.contains('Source overrides: hello: [fileName, sha256, url, version]')
return true
