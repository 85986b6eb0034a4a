import java.util.concurrent.TimeUnit
def second = System.properties.get('it.sources-concurrency.second')
assert second.waitFor(300, TimeUnit.SECONDS) : 'second Maven process did not finish'
def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def secondLog = new File(basedir, 'second/build.log').text
assert second.exitValue() == 0 : secondLog
def counts = ngx.requests.findAll { it.method == 'GET' }.collect { it.uri }.countBy { it }
assert counts == ['/hello-1.0.tar.gz': 1, '/blob.bin': 1] : "exactly one GET per file: ${counts}"
['target', 'a/target', 'b/target', 'second/target', 'second/a/target', 'second/b/target'].each { t ->
    def registry = new Properties()
    new File(basedir, "${t}/firmware/sources.properties").withInputStream { registry.load(it) }
    assert new File(registry.getProperty('hello.tree'), 'hello.c').isFile()
    assert new File(registry.getProperty('blob.file')).length() == 2 * 1024 * 1024
}
def leftovers = []
new File(basedir, 'shared').eachFileRecurse { if (it.name.endsWith('.part') || it.name.contains('.tmp-')) leftovers << it }
assert leftovers.isEmpty() : leftovers
return true
