// nginx (Debian's) serves work/served on 127.0.0.1; alpha and beta are two different archives that
// both live at .../archive/v1.0.tar.gz, as GitHub names them.
import java.security.MessageDigest

def sh = { File dir, String... cmd ->
    def p = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true).start()
    def out = p.text; assert p.waitFor() == 0 : "${cmd}: ${out}"
}
def served = new File(basedir, 'work/served')
def shas = [:]
['alpha', 'beta'].each { name ->
    def src = new File(basedir, "work/${name}-1.0"); src.mkdirs()
    new File(src, 'who.txt').text = "${name}\n"
    new File(src, 'COPYING').text = "MIT License (${name})\n"
    def dir = new File(served, "${name}/archive"); dir.mkdirs()
    sh(new File(basedir, 'work'), 'tar', 'czf', new File(dir, 'v1.0.tar.gz').path, "${name}-1.0")
    shas[name] = MessageDigest.getInstance('SHA-256').digest(new File(dir, 'v1.0.tar.gz').bytes).encodeHex().toString()
}
assert shas.alpha != shas.beta

// Debian's nginx (it/src/it-lib/nginx.groovy) serves work/served on 127.0.0.1; its access log is the request counter.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir)
def port = ngx.port
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@PORT@', "${port}").replace('@SHA_ALPHA@', shas.alpha).replace('@SHA_BETA@', shas.beta)

// First build: downloads both.
evaluate(new File(itLib, 'fixtures.groovy')).goals(basedir, localRepositoryPath, 'first-build.log',
        ['fetch-sources', 'sbom', 'legal-info'])
def requests = ngx.requests.collect { "${it.line} ${it.status} range=${it.range ?: '-'}".toString() }
assert requests.sort() == ['GET /alpha/archive/v1.0.tar.gz HTTP/1.1 200 range=-', 'GET /beta/archive/v1.0.tar.gz HTTP/1.1 200 range=-'] : requests
new File(basedir, 'work/shas.properties').text = "alpha=${shas.alpha}\nbeta=${shas.beta}\n"
return true
