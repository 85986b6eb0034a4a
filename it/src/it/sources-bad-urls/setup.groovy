import com.sun.net.httpserver.HttpServer
import java.security.MessageDigest

// A server for the good URLs, counting requests: none of the runs may reach it.
def requests = Collections.synchronizedList([])
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/') { ex -> requests << ex.requestURI.toString(); ex.sendResponseHeaders(404, -1); ex.close() }
server.start()
System.properties.put('it.sources-bad-urls.server', server)
System.properties.put('it.sources-bad-urls.requests', requests)
new File(basedir, 'overrides.properties').text = "hello.url = http:///hello-2.0.tar.gz\nhello.sha256 = ${'b' * 64}\n"
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@PORT@', "${server.address.port}").replace('@SHA@', 'a' * 64)
new File(basedir, 'port.txt').text = "${server.address.port}"
return true
