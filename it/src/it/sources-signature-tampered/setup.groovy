// hello-1.0.tar.gz.asc is the upstream's real signature (made once with gpg, copied from
// sources-signature-good); the archive beside it is a different one made here, with a file the upstream
// never shipped. The pom pins the replaced archive's own digest, as a careless re-pin would.
def served = new File(basedir, 'served')
def work = new File(basedir, 'work/hello-1.0'); work.mkdirs()
new File(work, 'hello.c').text = 'int main(void) { return 0; }\n'
new File(work, 'backdoor.sh').text = '#!/bin/sh\necho owned\n'
def p = new ProcessBuilder('tar', 'czf', new File(served, 'hello-1.0.tar.gz').absolutePath, 'hello-1.0')
        .directory(work.parentFile).redirectErrorStream(true).start()
assert p.waitFor() == 0 : p.inputStream.text
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir, root: served)
def pom = new File(basedir, 'pom.xml')
pom.text = ngx.fill(pom.text.replace('@SHA_HELLO@', '@SHA:hello-1.0.tar.gz@'), served)
return true
