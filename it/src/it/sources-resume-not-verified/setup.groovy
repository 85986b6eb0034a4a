import java.security.MessageDigest

def shas = [:]
['releases/good', 'flaky/flaky'].each { path ->
    def name = path.substring(path.indexOf('/') + 1)
    def src = new File(basedir, "work/${name}-1.0"); src.mkdirs()
    def noise = new byte[200_000]; new Random(name.hashCode()).nextBytes(noise)
    new File(src, 'noise.bin').bytes = noise
    def out = new File(basedir, "work/served/${path}-1.0.tar.gz"); out.parentFile.mkdirs()
    def p = new ProcessBuilder('tar', 'czf', out.path, "${name}-1.0").directory(new File(basedir, 'work')).redirectErrorStream(true).start()
    assert p.waitFor() == 0 : p.text
    shas[name] = MessageDigest.getInstance('SHA-256').digest(out.bytes).encodeHex().toString()
    // The leftover of a killed build: 1000 bytes, and not the file's first 1000.
    def part = new File(basedir, "downloads/v1/sha256/${shas[name].substring(0, 2)}/${shas[name]}/${name}-1.0.tar.gz.part")
    part.parentFile.mkdirs(); part.bytes = new byte[1000]
}
// Debian's nginx (it/src/it-lib/nginx.groovy) serves work/served on 127.0.0.1; its access log is the request counter.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir, servers: [main: '''
location /flaky/ { if ($http_range = "") { return 503; } }
'''])
def port = ngx.port
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@PORT@', "${port}").replace('@SHA_GOOD@', shas.good).replace('@SHA_FLAKY@', shas.flaky)
new File(basedir, 'work/state.properties').text = "port=${port}\ngood=${shas.good}\nflaky=${shas.flaky}\n"
return true
