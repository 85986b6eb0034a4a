System.properties.get('it.sources-proxy-settings.server')?.stop(0)
def seen = System.properties.get('it.sources-proxy-settings.seen')
assert seen == ['http://127.0.0.1:9/hello-1.0.tar.gz authorized'] : seen
def log = new File(basedir, 'build.log').text
assert !log.contains('it-Pr0xy-s3cret') : 'password in the build log'
def got = []
new File(basedir, 'downloads/v1/sha256').eachFileRecurse { if (it.name == 'hello-1.0.tar.gz') got << it }
assert got.size() == 1 : got
return true
