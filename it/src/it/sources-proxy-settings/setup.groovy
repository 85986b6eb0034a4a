import com.sun.net.httpserver.HttpServer
import java.security.MessageDigest

def work = new File(basedir, 'work'); new File(work, 'hello-1.0').mkdirs()
new File(work, 'hello-1.0/hello.c').text = 'int main(void) { return 0; }\n'
def p = new ProcessBuilder('tar', 'czf', 'hello-1.0.tar.gz', 'hello-1.0').directory(work).start(); assert p.waitFor() == 0
def hello = new File(work, 'hello-1.0.tar.gz').bytes
def password = 'it-Pr0xy-s3cret'
def expected = 'Basic ' + "alice:${password}".bytes.encodeBase64().toString()
def seen = Collections.synchronizedList([])
// The "origin" is never contacted directly: the proxy answers for it.
def proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
proxy.createContext('/') { ex ->
    def auth = ex.requestHeaders.getFirst('Proxy-Authorization')
    seen << "${ex.requestURI} ${auth == expected ? 'authorized' : 'no-auth'}"
    if (auth != expected) {
        ex.responseHeaders.add('Proxy-Authenticate', 'Basic realm="it"'); ex.sendResponseHeaders(407, -1)
    } else {
        ex.sendResponseHeaders(200, hello.length); ex.responseBody.write(hello)
    }
    ex.close()
}
proxy.start()
System.properties.put('it.sources-proxy-settings.server', proxy)
System.properties.put('it.sources-proxy-settings.seen', seen)
new File(basedir, 'proxy-settings.xml').text = """<settings>
  <proxies>
    <proxy>
      <id>it-proxy</id><active>true</active><protocol>http</protocol>
      <host>127.0.0.1</host><port>${proxy.address.port}</port>
      <username>alice</username><password>${password}</password>
    </proxy>
  </proxies>
</settings>
"""
def pom = new File(basedir, 'pom.xml')
// An origin port nothing listens on: only the proxy can answer.
pom.text = pom.text.replace('@PORT@', '9')
        .replace('@SHA_HELLO@', MessageDigest.getInstance('SHA-256').digest(hello).encodeHex().toString())
return true
