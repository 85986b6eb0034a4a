def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def expected = 'Basic ' + 'alice:it-Pr0xy-s3cret'.bytes.encodeBase64().toString()
def seen = ngx.requests.collect { "${it.line} ${it.pauth == expected ? 'authorized' : 'no-auth'} ${it.status}".toString() }
assert seen == ['GET http://127.0.0.1:9/hello-1.0.tar.gz HTTP/1.1 authorized 200'] : seen
def log = new File(basedir, 'build.log').text
assert !log.contains('it-Pr0xy-s3cret') : 'password in the build log'
def got = []
new File(basedir, 'downloads/v1/sha256').eachFileRecurse { if (it.name == 'hello-1.0.tar.gz') got << it }
assert got.size() == 1 : got
return true
