// The build cache on a real 1 MiB tmpfs (CI runs as root); the archive holds 3 MiB of incompressible bytes
// after a small file, so the disk fills inside the second entry. verify.groovy unmounts it.
def cache = new File(basedir, 'cache'); cache.mkdirs()
def mount = ['mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', cache.path].execute()
mount.waitForProcessOutput(System.out, System.err)
assert mount.exitValue() == 0 : "could not mount a tmpfs on ${cache} (the IT needs root)"
def work = new File(basedir, 'work'); def up = new File(work, 'served/up'); up.mkdirs()
def craft = ['python3', '-c', '''
import io, os, sys, tarfile
with tarfile.open(sys.argv[1], "w:gz") as t:
    for name, data in (("big-1.0/README", b"small\\n"), ("big-1.0/blob.bin", os.urandom(3 << 20))):
        i = tarfile.TarInfo(name); i.size = len(data); i.mode = 0o644
        t.addfile(i, io.BytesIO(data))
''', new File(up, 'big-1.0.tar.gz').path].execute()
craft.waitForProcessOutput(System.out, System.err)
assert craft.exitValue() == 0
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
