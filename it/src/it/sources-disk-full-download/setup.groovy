import java.security.MessageDigest

def served = new File(basedir, 'work/served'); served.mkdirs()
def big = new byte[3 * 1024 * 1024]; new Random(14).nextBytes(big)
new File(served, 'big-1.0.tar.gz').bytes = big
// Debian's nginx (it/src/it-lib/nginx.groovy) serves work/served on 127.0.0.1; its access log is the request counter.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir)
def port = ngx.port
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@PORT@', "${port}").replace('@SHA@', MessageDigest.getInstance('SHA-256').digest(big).encodeHex().toString())
new File(basedir, 'work/port').text = "${port}"

// A real small file system: the download fills it.
def downloads = new File(basedir, 'downloads'); downloads.mkdirs()
def mount = new ProcessBuilder('mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', downloads.path).redirectErrorStream(true).start()
assert mount.waitFor() == 0 : "mount tmpfs (needs root): ${mount.text}"
return true
