// The served files and the key were made once with gpg (see verify.groovy for the fingerprint); Debian's nginx
// serves them on 127.0.0.1 (it/src/it-lib/nginx.groovy).
def served = new File(basedir, 'served')
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir, root: served)
def pom = new File(basedir, 'pom.xml')
pom.text = ngx.fill(pom.text.replace('@SHA_HELLO@', '@SHA:hello-1.0.tar.gz@').replace('@SHA_HELLO2@', '@SHA:hello-2.0.tar.gz@'), served)
return true
