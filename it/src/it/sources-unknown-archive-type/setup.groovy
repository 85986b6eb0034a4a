// A good tar first in the list and a .rar second: neither may be downloaded.
def work = new File(basedir, 'work'); new File(work, 'served/up').mkdirs()
def tar = ['tar', '-cf', new File(work, 'served/up/good-1.0.tar').path, '-C', basedir.path, 'pom.xml'].execute()
tar.waitForProcessOutput(System.out, System.err)
assert tar.exitValue() == 0
new File(work, 'served/up/tool-1.0.rar').bytes = 'Rar!\u001a\u0007\u0000'.getBytes('ISO-8859-1')
// Serves work/served/** on 127.0.0.1, records each request, and fills @PORT@ / @SHA:name@ in the pom.
import com.sun.net.httpserver.HttpServer
import java.security.MessageDigest

def it = basedir.name
def served = new File(basedir, 'work/served')
def requests = Collections.synchronizedList([])
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/') { ex ->
    requests << ex.requestURI.path
    def f = new File(served, ex.requestURI.path)
    if (!f.isFile()) { ex.sendResponseHeaders(404, -1) } else { byte[] b = f.bytes; ex.sendResponseHeaders(200, b.length); ex.responseBody.write(b) }
    ex.close()
}
server.start()
System.properties.put("it.${it}.server", server)
System.properties.put("it.${it}.requests", requests)
def sha = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
new File(basedir, 'pom.xml').with { pom ->
    def text = pom.text.replace('@PORT@', "${server.address.port}")
    text = text.replaceAll(/@SHA:([^@]+)@/) { all, name -> sha(new File(served, name)) }
    pom.text = text
}
basedir.eachFile { f ->
    if (f.name.endsWith('.properties') && f.name != 'invoker.properties') {
        f.text = f.text.replace('@PORT@', "${server.address.port}").replaceAll(/@SHA:([^@]+)@/) { all, name -> sha(new File(served, name)) }
    }
}
return true
