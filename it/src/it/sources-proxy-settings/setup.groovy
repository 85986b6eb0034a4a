import java.security.MessageDigest

def work = new File(basedir, 'work'); new File(work, 'hello-1.0').mkdirs()
new File(work, 'hello-1.0/hello.c').text = 'int main(void) { return 0; }\n'
def p = new ProcessBuilder('tar', 'czf', 'hello-1.0.tar.gz', 'hello-1.0').directory(work).start(); assert p.waitFor() == 0
def hello = new File(work, 'hello-1.0.tar.gz').bytes
def password = 'it-Pr0xy-s3cret'
def expected = 'Basic ' + "alice:${password}".bytes.encodeBase64().toString()
// The "origin" is never contacted directly: the proxy, Debian's nginx (it/src/it-lib/nginx.groovy), answers for
// it from its own root (nginx takes the absolute-form request line of a proxy request), after checking the
// proxy login as a proxy does.
def served = new File(work, 'served'); served.mkdirs(); new File(served, 'hello-1.0.tar.gz').bytes = hello
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir, servers: [proxy: """
location / {
  if (\$http_proxy_authorization != "${expected}") {
    add_header Proxy-Authenticate 'Basic realm="it"' always;
    return 407;
  }
}
"""])
new File(basedir, 'proxy-settings.xml').text = """<settings>
  <proxies>
    <proxy>
      <id>it-proxy</id><active>true</active><protocol>http</protocol>
      <host>127.0.0.1</host><port>${ngx.port}</port>
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
