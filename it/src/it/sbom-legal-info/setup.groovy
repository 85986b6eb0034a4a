// A tarball with a license file, served from a file: URL; its digest goes into the pom.
import java.security.MessageDigest

def work = new File(basedir, 'work'); work.mkdirs()
def src = new File(work, 'hello-1.0'); src.mkdirs()
new File(src, 'hello.c').text = 'int main(void) {\n    return 0;\n}\n'
new File(src, 'COPYING').text = 'MIT License\n'
def p = new ProcessBuilder(['tar', 'czf', 'hello-1.0.tar.gz', 'hello-1.0']).directory(work).redirectErrorStream(true).start()
assert p.waitFor() == 0 : p.text
def tarball = new File(work, 'hello-1.0.tar.gz')
def sha = MessageDigest.getInstance('SHA-256').digest(tarball.bytes).encodeHex().toString()
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@URL@', tarball.toURI().toString()).replace('@SHA@', sha)
return true
