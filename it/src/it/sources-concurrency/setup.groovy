import com.sun.net.httpserver.HttpServer
import java.security.MessageDigest

def sha = { byte[] b -> MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }
def work = new File(basedir, 'work'); new File(work, 'hello-1.0').mkdirs()
new File(work, 'hello-1.0/hello.c').text = 'int main(void) { return 0; }\n'
def p = new ProcessBuilder('tar', 'czf', 'hello-1.0.tar.gz', 'hello-1.0').directory(work).start(); assert p.waitFor() == 0
def files = ['/hello-1.0.tar.gz': new File(work, 'hello-1.0.tar.gz').bytes, '/blob.bin': new byte[2 * 1024 * 1024]]
new Random(7).nextBytes(files['/blob.bin'])
def counts = Collections.synchronizedMap([:])
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.executor = java.util.concurrent.Executors.newCachedThreadPool()
server.createContext('/') { ex ->
    synchronized (counts) { counts[ex.requestURI.path] = (counts[ex.requestURI.path] ?: 0) + 1 }
    byte[] body = files[ex.requestURI.path]
    // Slow: every other build must arrive while the first download is still running.
    Thread.sleep(1500)
    ex.sendResponseHeaders(200, body.length)
    for (int off = 0; off < body.length; off += 256 * 1024) {
        ex.responseBody.write(body, off, Math.min(256 * 1024, body.length - off)); ex.responseBody.flush(); Thread.sleep(100)
    }
    ex.close()
}
server.start()
System.properties.put('it.sources-concurrency.server', server)
System.properties.put('it.sources-concurrency.counts', counts)

def shared = new File(basedir, 'shared').canonicalPath
['pom.xml', 'a/pom.xml', 'b/pom.xml'].each { n ->
    def f = new File(basedir, n)
    f.text = f.text.replace('@PORT@', "${server.address.port}").replace('@SHARED@', shared)
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
