// Debian's nginx (it/src/it-lib/nginx.groovy) serves the sources on 127.0.0.1 for the forked build; the port and
// digests go into the pom.
def work = new File(basedir, 'work'); work.mkdirs()
def run = { List cmd, File dir -> def p = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true).start(); def out = p.text; assert p.waitFor() == 0 : out; out }

def src = new File(work, 'hello-1.0'); src.mkdirs()
new File(src, 'hello.c').text = 'int main(void) {\n    return 0;\n}\n'
def served = new File(work, 'served'); new File(served, 'dl').mkdirs()
run(['tar', 'czf', 'served/hello-1.0.tar.gz', 'hello-1.0'], work)
new File(served, 'dl/blob-2.tar.xz').text = 'pretend xz tarball\n'

def repo = new File(work, 'tool'); repo.mkdirs()
run(['git', 'init', '-q'], repo)
new File(repo, 'tool.c').text = 'pinned\n'
run(['git', 'add', '.'], repo)
run(['git', '-c', 'user.name=t', '-c', 'user.email=t@t.invalid', 'commit', '-qm', 'v1'], repo)
def commit = run(['git', 'rev-parse', 'HEAD'], repo).trim()
run(['git', 'clone', '-q', '--bare', repo.path, new File(work, 'tool.git').path], work)

def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir)
def pom = new File(basedir, 'pom.xml')
pom.text = ngx.fill(pom.text.replace('@SHA_HELLO@', '@SHA:hello-1.0.tar.gz@').replace('@SHA_BLOB@', '@SHA:dl/blob-2.tar.xz@'))
        .replace('@GIT_URL@', new File(work, 'tool.git').toURI().toString()).replace('@GIT_COMMIT@', commit)
return true
