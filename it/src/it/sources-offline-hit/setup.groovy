import com.sun.net.httpserver.HttpServer
import java.security.MessageDigest

def work = new File(basedir, 'work'); new File(work, 'hello-1.0').mkdirs()
new File(work, 'hello-1.0/hello.c').text = 'int main(void) { return 0; }\n'
def p = new ProcessBuilder('tar', 'czf', 'hello-1.0.tar.gz', 'hello-1.0').directory(work).start(); assert p.waitFor() == 0
def hello = new File(work, 'hello-1.0.tar.gz').bytes
def counts = Collections.synchronizedList([])
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/') { ex ->
    counts << ex.requestURI.path
    ex.sendResponseHeaders(200, hello.length); ex.responseBody.write(hello); ex.close()
}
server.start()
System.properties.put('it.sources-offline-hit.server', server)
System.properties.put('it.sources-offline-hit.counts', counts)
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@PORT@', "${server.address.port}")
        .replace('@SHA_HELLO@', MessageDigest.getInstance('SHA-256').digest(hello).encodeHex().toString())
return true
