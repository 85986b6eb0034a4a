import com.sun.net.httpserver.HttpServer
import java.security.MessageDigest

// The served files and the key were made once with gpg (see verify.groovy for the fingerprint).
def served = new File(basedir, 'served')
def requests = Collections.synchronizedList([])
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/') { ex ->
    requests << ex.requestURI.path
    def f = new File(served, ex.requestURI.path.substring(1))
    if (f.isFile()) {
        def body = f.bytes
        ex.sendResponseHeaders(200, body.length); ex.responseBody.write(body)
    } else {
        ex.sendResponseHeaders(404, -1)
    }
    ex.close()
}
server.start()
System.properties.put("it.${basedir.name}.server", server)
System.properties.put("it.${basedir.name}.requests", requests)
def sha = { name -> MessageDigest.getInstance('SHA-256').digest(new File(served, name).bytes).encodeHex().toString() }
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@PORT@', "${server.address.port}")
        .replace('@SHA_HELLO@', sha('hello-1.0.tar.gz'))
return true
