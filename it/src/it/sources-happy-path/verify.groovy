def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def counts = ngx.paths.countBy { it }
def log = new File(basedir, 'build.log').text
def registry = new Properties()
new File(basedir, 'target/firmware/sources.properties').withInputStream { registry.load(it) }
def tree = new File(registry.getProperty('hello.tree'))
assert new File(tree, 'hello.c').text.contains('return 3;') : 'patch applied'
assert new File(tree, 'tarballs/blob-2.tar.xz').isFile() : 'file source placed into the tree'
assert registry.getProperty('blob.fingerprint') == registry.getProperty('hello.fingerprint')
def tool = new File(registry.getProperty('tool.tree'))
assert new File(tool, 'tool.c').text == 'pinned\n'
assert !new File(tool, '.git').exists()
assert counts['/hello-1.0.tar.gz'] == 1 && counts['/dl/blob-2.tar.xz'] == 1 : counts
assert !log.contains('Downloading hello') : 'no progress line for a download shorter than 10 s'
def sha = java.security.MessageDigest.getInstance('SHA-256').digest(new File(registry.getProperty('hello.archive')).bytes).encodeHex().toString()
assert registry.getProperty('hello.archive') == new File(basedir, "downloads/v1/sha256/${sha.substring(0, 2)}/${sha}/hello-1.0.tar.gz").path
assert new File(basedir, "downloads/v1/sha256/${sha.substring(0, 2)}/${sha}/hello-1.0.tar.gz.verified").isFile()
return true
