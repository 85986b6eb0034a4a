// Two boards built in parallel by one Maven (-T2) with one build cache: the source tree both use is
// extracted once and both registries point at it; each board packs its own initramfs; the step
// machines of the two projects do not mix (each board's steps.json names only its own steps).
def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2') : 'not a parallel build'
assert log.count("Prepared source 'hello'") == 1 : 'the shared tree was extracted more than once'
assert log.count('source-hello: reusing what a build with the same inputs made') == 1 : 'the other board did not take it'
def trees = new File(basedir, 'cache/build/sources').listFiles().findAll { it.isDirectory() }
assert trees.size() == 1 && trees[0].name.startsWith('v2-source-hello-') : "${trees}"
def tree = new File(trees[0], 'tree')
['a', 'b'].each { m ->
    def fw = new File(basedir, "${m}/target/firmware")
    def registry = new Properties()
    new File(fw, 'sources.properties').withInputStream { registry.load(it) }
    assert new File(registry.getProperty('hello.tree')).canonicalPath == tree.canonicalPath : "${m}: ${registry}"
    assert new File(fw, 'initramfs/initramfs.cpio.gz').length() > 0 : "${m}: no initramfs"
    def steps = new groovy.json.JsonSlurper().parse(new File(fw, 'steps.json')).steps*.id
    assert steps.contains('source-hello') && steps.contains('pack-initramfs') && steps.contains('legal-info') : "${m}: ${steps}"
    assert new File(fw, 'legal-info.tar.gz').isFile()
}
def sha = { File f -> java.security.MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
assert sha(new File(basedir, 'a/target/firmware/legal-info.tar.gz')) == sha(new File(basedir, 'b/target/firmware/legal-info.tar.gz'))
def initrd = { m -> sha(new File(basedir, "${m}/target/firmware/initramfs/initramfs.cpio.gz")) }
assert initrd('a') != initrd('b') : 'each board packs its own overlay'
return true
