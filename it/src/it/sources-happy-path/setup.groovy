// Serves the sources on 127.0.0.1 for the forked build and writes the port and digests into the pom.
import com.sun.net.httpserver.HttpServer
import java.security.MessageDigest

def sha = { byte[] b -> MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }
def work = new File(basedir, 'work'); work.mkdirs()
def run = { List cmd, File dir -> def p = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true).start(); def out = p.text; assert p.waitFor() == 0 : out; out }

def src = new File(work, 'hello-1.0'); src.mkdirs()
new File(src, 'hello.c').text = 'int main(void) {\n    return 0;\n}\n'
run(['tar', 'czf', 'hello-1.0.tar.gz', 'hello-1.0'], work)
def hello = new File(work, 'hello-1.0.tar.gz').bytes
def blob = 'pretend xz tarball\n'.bytes

def repo = new File(work, 'tool'); repo.mkdirs()
run(['git', 'init', '-q'], repo)
new File(repo, 'tool.c').text = 'pinned\n'
run(['git', 'add', '.'], repo)
run(['git', '-c', 'user.name=t', '-c', 'user.email=t@t.invalid', 'commit', '-qm', 'v1'], repo)
def commit = run(['git', 'rev-parse', 'HEAD'], repo).trim()
run(['git', 'clone', '-q', '--bare', repo.path, new File(work, 'tool.git').path], work)

def counts = Collections.synchronizedMap([:])
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/') { ex ->
    def path = ex.requestURI.path
    counts[path] = (counts[path] ?: 0) + 1
    byte[] body = path == '/hello-1.0.tar.gz' ? hello : path == '/dl/blob-2.tar.xz' ? blob : null
    if (body == null) { ex.sendResponseHeaders(404, -1) } else { ex.sendResponseHeaders(200, body.length); ex.responseBody.write(body) }
    ex.close()
}
server.start()
System.properties.put('it.sources-happy-path.server', server)
System.properties.put('it.sources-happy-path.counts', counts)

def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@PORT@', "${server.address.port}").replace('@SHA_HELLO@', sha(hello))
        .replace('@SHA_BLOB@', sha(blob)).replace('@GIT_URL@', new File(work, 'tool.git').toURI().toString())
        .replace('@GIT_COMMIT@', commit)
return true
