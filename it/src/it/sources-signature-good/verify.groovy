import groovy.json.JsonSlurper

def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def requests = ngx.paths
def fp = 'E91A99EAF4E9930A2AAD9E420458A36CCF871BF4'
assert requests.sort() == ['/hello-1.0.tar.gz', '/hello-1.0.tar.gz.asc', '/hello-2.0.tar.gz', '/hello-2.0.tar.sign'] :
        "each file fetched once, nothing offline: ${requests}"

def log = new File(basedir, 'build.log').text
assert log.contains("Source 'hello': good signature of hello-1.0.tar.gz by ${fp}")
assert log.contains("Source 'hello2': good signature of hello-2.0.tar.gz by ${fp}")

def registry = new Properties()
new File(basedir, 'target/firmware/sources.properties').withInputStream { registry.load(it) }
assert registry.getProperty('hello.signer') == fp
assert registry.getProperty('hello2.signer') == fp
assert new File(registry.getProperty('hello.tree'), 'hello.c').text.contains('return 0;')
assert new File(registry.getProperty('hello2.tree'), 'hello.c').text.contains('return 2;')

// The signature is kept in the download cache under the archive's pinned digest.
def sha = java.security.MessageDigest.getInstance('SHA-256').digest(new File(basedir, 'served/hello-1.0.tar.gz').bytes)
        .encodeHex().toString()
assert new File(basedir, "downloads/v1/signatures/sha256-${sha}/hello-1.0.tar.gz.asc").isFile()

def sbom = new JsonSlurper().parse(new File(basedir, 'target/firmware/sbom.cyclonedx.json'))
['hello', 'hello2'].each { name ->
    def c = sbom.components.find { it.name == name }
    assert c.properties.find { it.name == 'firmware:signer' }?.value == "openpgp:${fp}" : c
}
return true
