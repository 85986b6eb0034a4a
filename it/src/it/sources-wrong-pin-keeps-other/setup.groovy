import java.security.MessageDigest

def served = new File(basedir, 'work/served/releases'); served.mkdirs()
def src = new File(basedir, 'work/hello-1.0'); src.mkdirs()
new File(src, 'hello.c').text = 'int main(void) { return 0; }\n'
def p = new ProcessBuilder('tar', 'czf', new File(served, 'hello-1.0.tar.gz').path, 'hello-1.0')
        .directory(new File(basedir, 'work')).redirectErrorStream(true).start()
assert p.waitFor() == 0 : p.text
def sha = MessageDigest.getInstance('SHA-256').digest(new File(served, 'hello-1.0.tar.gz').bytes).encodeHex().toString()

// Debian's nginx (it/src/it-lib/nginx.groovy) serves work/served on 127.0.0.1; its access log is the request counter.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir)
def port = ngx.port
def pom = new File(basedir, 'pom.xml')
def version = (pom.text =~ /<artifactId>firmware-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
pom.text = pom.text.replace('@PORT@', "${port}").replace('@SHA_WRONG@', 'b' + sha.substring(1).reverse())
def boardA = new File(basedir, 'board-a/pom.xml')
boardA.text = boardA.text.replace('@PORT@', "${port}").replace('@SHA_RIGHT@', sha).replace('@project.version@', version)

// Board A builds first and fills the shared download cache.
evaluate(new File(itLib, 'fixtures.groovy')).goals(basedir, localRepositoryPath, 'board-a-first.log',
        ['fetch-sources'], boardA.parentFile)
def cached = new File(basedir, "downloads/v1/sha256/${sha.substring(0, 2)}/${sha}/hello-1.0.tar.gz")
assert cached.isFile()
new File(basedir, 'work/state.properties').text = "sha=${sha}\nversion=${version}\nport=${port}\n" +
        // the record without its date comment, as a digest (its text needs properties escaping)
        "record=${MessageDigest.getInstance('SHA-256').digest(new File(cached.path + '.verified').readLines().findAll { !it.startsWith('#') }.join('|').bytes).encodeHex()}\n"
return true
