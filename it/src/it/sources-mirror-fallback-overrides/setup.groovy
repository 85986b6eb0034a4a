def work = new File(basedir, "work"); new File(work, "hello-1.0").mkdirs()
new File(work, "hello-1.0/hello.c").text = "int main(void) {\n    return 0;\n}\n"
new File(work, "served/up").mkdirs()
def tar = { String dir, String out -> def p = new ProcessBuilder("tar", "czf", out, dir).directory(work).start(); assert p.waitFor() == 0 }
tar("hello-1.0", "served/up/hello-1.0.tar.gz")

new File(work, "hello-2.0").mkdirs()
new File(work, "hello-2.0/hello.c").text = "version 2\n"
tar("hello-2.0", "served/up/hello-2.0.tar.gz")
new File(basedir, "overrides.properties").text = """# as written by the mirror script: re-pin hello to 2.0
hello.version=2.0
hello.url=http://127.0.0.1:@PORT@/up/hello-2.0.tar.gz
hello.fileName=hello-2.0.tar.gz
hello.sha256=@SHA:up/hello-2.0.tar.gz@
"""
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
