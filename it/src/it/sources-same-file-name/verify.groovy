import groovy.json.JsonSlurper
import java.security.MessageDigest

def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
try {
    def sha = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
    def shas = new Properties(); new File(basedir, 'work/shas.properties').withInputStream { shas.load(it) }
    def log = new File(basedir, 'build.log').text

    // The second build asked the server for nothing.
    def requests = ngx.requests.collect { "${it.line} ${it.status} range=${it.range ?: '-'}".toString() }
    assert requests.size() == 2 : "the second build downloaded again: ${requests}"
    assert !log.contains('Downloaded ')

    def registry = new Properties()
    new File(basedir, 'target/firmware/sources.properties').withInputStream { registry.load(it) }
    ['alpha', 'beta'].each { name ->
        assert new File(registry.getProperty("${name}.tree"), 'who.txt').text == "${name}\n" : "${name}'s tree"
        def archive = new File(registry.getProperty("${name}.archive"))
        assert archive.name == 'v1.0.tar.gz'
        assert sha(archive) == shas[name] : "${name}'s archive in the registry"
        assert archive.path.contains("/v1/sha256/${shas[name].substring(0, 2)}/${shas[name]}/") : archive
    }

    def area = new File(basedir, 'target/firmware')
    def sbom = new JsonSlurper().parse(new File(area, 'sbom.cyclonedx.json'))
    ['alpha', 'beta'].each { name ->
        def c = sbom.components.find { it.name == name }
        assert c.hashes[0].content == shas[name] : "SBOM of ${name}: ${c.hashes}"
    }

    // The legal-info bundle ships each source's own archive.
    def out = new File(basedir, 'work/legal'); out.mkdirs()
    def p = new ProcessBuilder('tar', 'xzf', new File(area, 'legal-info.tar.gz').path).directory(out).redirectErrorStream(true).start()
    assert p.waitFor() == 0 : p.text
    ['alpha', 'beta'].each { name ->
        def shipped = new File(out, "sources/${name}-1.0/v1.0.tar.gz")
        assert shipped.isFile() : "legal-info lacks sources/${name}-1.0/v1.0.tar.gz"
        assert sha(shipped) == shas[name] : "legal-info ships the wrong archive under sources/${name}-1.0/"
    }
    def manifest = new File(out, 'manifest.csv').text
    assert manifest.readLines().findAll { it.contains('v1.0.tar.gz') }.size() == 2 : manifest
} finally {
    ngx.stop()
}
return true
