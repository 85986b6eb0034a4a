// Debian's nginx (it/src/it-lib/nginx.groovy) serves hello on 127.0.0.1; its access log counts the downloads.
def work = new File(basedir, 'work'); new File(work, 'hello-1.0').mkdirs(); new File(work, 'served').mkdirs()
new File(work, 'hello-1.0/hello.c').text = 'int main(void) { return 0; }\n'
def p = new ProcessBuilder('tar', 'czf', 'served/hello-1.0.tar.gz', 'hello-1.0').directory(work).start(); assert p.waitFor() == 0
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir)
def pom = new File(basedir, 'pom.xml')
pom.text = ngx.fill(pom.text.replace('@SHA_HELLO@', '@SHA:hello-1.0.tar.gz@'))
return true
