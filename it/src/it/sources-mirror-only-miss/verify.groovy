def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def requests = ngx.paths
assert requests == ['/mirror/hello-1.0.tar.gz'] : "upstream must not be asked: ${requests}"
assert new File(basedir, 'build.log').text.contains('HTTP 404')
return true
