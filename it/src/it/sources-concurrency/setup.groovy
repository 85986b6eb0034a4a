// Debian's nginx (it/src/it-lib/nginx.groovy) serves both files slowly, so that every other build arrives while
// the first download is still running; its access log counts the GETs.
import java.security.MessageDigest

def sha = { byte[] b -> MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }
def work = new File(basedir, 'work'); new File(work, 'hello-1.0').mkdirs(); def served = new File(work, 'served'); served.mkdirs()
new File(work, 'hello-1.0/hello.c').text = 'int main(void) { return 0; }\n'
def p = new ProcessBuilder('tar', 'czf', 'served/hello-1.0.tar.gz', 'hello-1.0').directory(work).start(); assert p.waitFor() == 0
def files = ['/hello-1.0.tar.gz': new File(served, 'hello-1.0.tar.gz').bytes, '/blob.bin': new byte[2 * 1024 * 1024]]
new Random(7).nextBytes(files['/blob.bin'])
new File(served, 'blob.bin').bytes = files['/blob.bin']
// limit_rate counts per second: the small archive trickles over a second or two, the blob over about four.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir, servers: [main: '''
location = /hello-1.0.tar.gz { limit_rate 100; }
location = /blob.bin { limit_rate 512k; }
'''])
def port = ngx.port

def shared = new File(basedir, 'shared').canonicalPath
['pom.xml', 'a/pom.xml', 'b/pom.xml'].each { n ->
    def f = new File(basedir, n)
    f.text = f.text.replace('@PORT@', "${port}").replace('@SHARED@', shared)
            .replace('@SHA_HELLO@', sha(files['/hello-1.0.tar.gz'])).replace('@SHA_BLOB@', sha(files['/blob.bin']))
    def copy = new File(basedir, "second/${n}"); copy.parentFile.mkdirs(); copy.text = f.text
}
// The second Maven process: the plugin from the IT repository, anything else from the outer build's
// local repository (as src/it/settings.xml does), never from the network.
def outerRepo = new File(System.getProperty('maven.repo.local') ?: "${System.getProperty('user.home')}/.m2/repository")
new File(basedir, 'second/settings.xml').text = """<settings><mirrors><mirror><id>outer</id><mirrorOf>*</mirrorOf>
<url>${outerRepo.toURI()}</url></mirror></mirrors></settings>"""
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def goal = (new File(basedir, 'pom.xml').text =~ /<artifactId>firmware-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
def second = new ProcessBuilder(mvn, '-B', '-T2', '-s', 'settings.xml', "-Dmaven.repo.local=${localRepositoryPath}",
        "io.github.firmwaremaven:firmware-maven-plugin:${goal}:fetch-sources")
        .directory(new File(basedir, 'second')).redirectErrorStream(true)
        .redirectOutput(new File(basedir, 'second/build.log')).start()
System.properties.put('it.sources-concurrency.second', second)
return true
