// Starts one nginx (Debian's, through it/src/it-lib/nginx.groovy) on 127.0.0.1 with five server blocks; its
// access log holds every Authorization and Proxy-Authorization header. Generates the settings files, the TLS certificate and
// the encrypted password the runs use. verify.groovy stops nginx; a JVM shutdown hook stops it otherwise.
import java.security.MessageDigest
import java.util.concurrent.TimeUnit

def run(List cmd, File dir) {
    def p = new ProcessBuilder(cmd.collect { it.toString() }).directory(dir).redirectErrorStream(true).start()
    def out = p.inputStream.text
    assert p.waitFor() == 0 : "${cmd.join(' ')} failed:\n${out}"
    return out
}

// The served trees, logins and certificate (nginx's own prefix is work/nginx, made by the helper).
def prefix = new File(basedir, 'nginx')
// A re-run of this IT (without mvn clean) must not meet the previous run's downloads (the helper stops
// the previous nginx and drops its log).
[prefix, new File(basedir, 'downloads'), new File(basedir, 'cache')].each { it.deleteDir() }
['tmp', 'www/private', 'www-mirror'].each { new File(prefix, it).mkdirs() }

// The file every case serves (under several names, so that each run downloads).
def src = new File(prefix, 'tmp/hello-1.0'); src.mkdirs()
new File(src, 'hello.c').text = 'int main(void) { return 0; }\n'
run(['tar', 'czf', new File(prefix, 'hello.tar.gz'), 'hello-1.0'], new File(prefix, 'tmp'))
def hello = new File(prefix, 'hello.tar.gz').bytes
['private/a', 'b', 'private/c', 'private/w1', 'private/w2', 'private/m', 'private/e', 's', 't'].each {
    new File(prefix, "www/${it}-1.0.tar.gz").bytes = hello
}

// nginx's own Basic auth: {PLAIN} keeps the test readable; the passwords are test values.
new File(prefix, 'htpasswd').text = 'alice:{PLAIN}origin-pw\n'
new File(prefix, 'htpasswd-mirror').text = 'mirror-user:{PLAIN}mirror-pw\n'
run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
     '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', 'key.pem', '-out', 'cert.pem'], prefix)
def keytool = new File(System.getProperty('java.home'), 'bin/keytool')
new File(basedir, 'trust.p12').delete()
run([keytool, '-importcert', '-noprompt', '-alias', 'it-nginx', '-file', new File(prefix, 'cert.pem'),
     '-keystore', new File(basedir, 'trust.p12'), '-storetype', 'PKCS12', '-storepass', 'changeit'], prefix)

def p = prefix.absolutePath
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir, root: new File(prefix, 'www'), servers: [
    // The source's origin: /private/ needs alice's login; /moved/ redirects to another port.
    origin: { ports -> """
location /private/ { auth_basic "origin"; auth_basic_user_file ${p}/htpasswd; }
location ~ ^/moved/(.*)\$ { return 302 http://127.0.0.1:${ports.other}/\$1; }
""" },
    // The primary mirror: wants a login of its own, which the board does not give it.
    mirror: [root: new File(prefix, 'www-mirror'), conf: """
location / { auth_basic "mirror"; auth_basic_user_file ${p}/htpasswd-mirror; }
"""],
    // The redirect target: another port, so another origin.
    other: '',
    // A forward proxy for http URLs of 127.0.0.1, with a login of its own. A real proxy consumes its
    // credentials; nginx would pass them on, so it is told not to (the origin's log then shows what the
    // plugin sent to the origin, not what nginx copied).
    proxy: """
location / {
  if (\$http_proxy_authorization != "Basic ${'carol:proxy-pw'.bytes.encodeBase64()}") {
    add_header Proxy-Authenticate 'Basic realm="proxy"' always;
    return 407;
  }
  proxy_set_header Proxy-Authorization "";
  proxy_pass http://\$http_host\$request_uri;
}
""",
    // An https origin that redirects down to plain http.
    tls: [listen: 'ssl', conf: { ports -> """
ssl_certificate ${p}/cert.pem;
ssl_certificate_key ${p}/key.pem;
location ~ ^/down/(.*)\$ { return 302 http://127.0.0.1:${ports.other}/\$1; }
""" }],
])
def (origin, mirror, other, proxy, tls) = ['origin', 'mirror', 'other', 'proxy', 'tls'].collect { ngx.ports[it] }

// settings-security.xml and the encrypted password, made by this Maven's own --encrypt-* options.
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn')
def lastBraced = { String out -> (out.readLines().findAll { it.trim() ==~ /\{.+\}/ }[-1] ?: '').trim() }
def master = lastBraced(run([mvn, '-q', '--encrypt-master-password', 'it-master-pw'], basedir))
assert master : 'mvn --encrypt-master-password printed nothing'
def security = new File(basedir, 'settings-security.xml')
security.text = "<settingsSecurity><master>${master}</master></settingsSecurity>\n"
def encrypted = lastBraced(run([mvn, '-q', "-Dsettings.security=${security.absolutePath}", '--encrypt-password',
                                'origin-pw'], basedir))
assert encrypted && !encrypted.contains('origin-pw')

def server = { id, user, pw -> "<server><id>${id}</id><username>${user}</username><password>${pw}</password></server>" }
new File(basedir, 'settings-origin.xml').text = "<settings><servers>${server('origin', 'alice', 'origin-pw')}</servers></settings>\n"
new File(basedir, 'settings-wrong.xml').text = "<settings><servers>${server('origin', 'alice', 'wrong-pw')}</servers></settings>\n"
new File(basedir, 'settings-encrypted.xml').text = "<settings><servers>${server('enc', 'alice', encrypted)}</servers></settings>\n"
new File(basedir, 'settings-proxy.xml').text = """<settings>
  <servers>${server('origin', 'alice', 'origin-pw')}</servers>
  <proxies><proxy><id>it</id><active>true</active><protocol>http</protocol><host>127.0.0.1</host>
    <port>${proxy}</port><username>carol</username><password>proxy-pw</password></proxy></proxies>
</settings>
"""
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@ORIGIN@', "${origin}").replace('@MIRROR@', "${mirror}").replace('@TLS@', "${tls}")
        .replace('@SHA@', MessageDigest.getInstance('SHA-256').digest(hello).encodeHex().toString())
new File(basedir, 'ports.properties').text = "origin=${origin}\nmirror=${mirror}\nother=${other}\nproxy=${proxy}\ntls=${tls}\n"
return true
