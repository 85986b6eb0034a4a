import groovy.json.JsonSlurper
import java.security.MessageDigest

def area = new File(basedir, 'target/firmware')
def sbom = new JsonSlurper().parse(new File(area, 'sbom.cyclonedx.json'))
assert sbom.bomFormat == 'CycloneDX'
assert sbom.metadata.timestamp == '2026-01-01T00:00:00Z'
def hello = sbom.components.find { it.name == 'hello' }
assert hello.version == '1.0'
assert hello.licenses[0].expression == 'MIT'
assert hello.externalReferences[0].url.startsWith('file:')
assert hello.pedigree.patches.size() == 1
assert hello.properties.find { it.name == 'firmware:patch' }.value.startsWith('0001-exit-code.patch sha256:')

def names = []
def p = new ProcessBuilder(['tar', 'tzf', new File(area, 'legal-info.tar.gz').path]).redirectErrorStream(true).start()
p.inputStream.eachLine { names << it }
assert p.waitFor() == 0
assert names == ['licenses/hello-1.0/COPYING', 'manifest.csv', 'sources/hello-1.0/hello-1.0.tar.gz',
                 'sources/hello-1.0/patches/0001-exit-code.patch'] : names

def hashes = new File(area, 'hashes.txt').text
def sha = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
assert hashes.contains(sha(new File(area, 'sbom.cyclonedx.json')) + '  cyclonedx.json') : hashes
assert hashes.contains(sha(new File(area, 'legal-info.tar.gz')) + '  legal-info.tar.gz') : hashes
return true
