def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
// This build's requests, from nginx's access log.
def requests = ngx.requests.drop(new File(basedir, 'work/first-requests').text as int)
def log = requests.collect { "${it.status} ${it.range ?: 'full'}".toString() }
long sent = requests.sum(0L) { it.bytes }
int size = new File(basedir, 'work/served/many-1.0.tar.gz').length()
def build = new File(basedir, 'build.log').text
assert build.contains('does not match the pin') : 'corruption caught on next use'
assert log.size() == 2 && log[0] == '200 full' && log[1].startsWith('206 bytes=') : log
assert sent < size * 1.5 : "sent ${sent} for a ${size}-byte file"
def registry = new Properties()
new File(basedir, 'target/firmware/sources.properties').withInputStream { registry.load(it) }
assert new File(registry.getProperty('many.tree'), 'noise.bin').length() == 4 * 1024 * 1024
def parts = []
new File(basedir, 'downloads').eachFileRecurse { if (it.name.endsWith('.part')) parts << it }
assert parts.isEmpty() : parts
// The corrupted file was kept in quarantine, not deleted.
def quarantined = new File(basedir, 'downloads/v1/quarantine').listFiles()
assert quarantined?.size() == 1 && new File(quarantined[0], 'many-1.0.tar.gz').length() == size : quarantined
assert build.contains('moved to quarantine as ')
return true
