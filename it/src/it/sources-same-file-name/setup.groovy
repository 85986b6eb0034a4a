// nginx (Debian's) serves work/served on 127.0.0.1; alpha and beta are two different archives that
// both live at .../archive/v1.0.tar.gz, as GitHub names them.
import java.security.MessageDigest
import java.util.concurrent.TimeUnit

def sh = { File dir, String... cmd ->
    def p = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true).start()
    def out = p.text; assert p.waitFor() == 0 : "${cmd}: ${out}"
}
def served = new File(basedir, 'work/served')
def shas = [:]
['alpha', 'beta'].each { name ->
    def src = new File(basedir, "work/${name}-1.0"); src.mkdirs()
    new File(src, 'who.txt').text = "${name}\n"
    new File(src, 'COPYING').text = "MIT License (${name})\n"
    def dir = new File(served, "${name}/archive"); dir.mkdirs()
    sh(new File(basedir, 'work'), 'tar', 'czf', new File(dir, 'v1.0.tar.gz').path, "${name}-1.0")
    shas[name] = MessageDigest.getInstance('SHA-256').digest(new File(dir, 'v1.0.tar.gz').bytes).encodeHex().toString()
}
assert shas.alpha != shas.beta

// nginx in the foreground, everything below work/nginx; the access log is the request counter.
def port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
def ngx = new File(basedir, 'work/nginx'); new File(ngx, 'tmp').mkdirs()
new File(ngx, 'nginx.conf').text = """user root;
daemon off;
worker_processes 1;
pid ${ngx}/nginx.pid;
events { worker_connections 64; }
http {
  log_format it '\$request \$status range=\$http_range';
  access_log ${ngx}/access.log it;
  client_body_temp_path ${ngx}/tmp/body; proxy_temp_path ${ngx}/tmp/proxy; fastcgi_temp_path ${ngx}/tmp/fastcgi;
  uwsgi_temp_path ${ngx}/tmp/uwsgi; scgi_temp_path ${ngx}/tmp/scgi;
  server { listen 127.0.0.1:${port}; root ${served}; }
}
"""
def nginx = new ProcessBuilder('/usr/sbin/nginx', '-e', "${ngx}/error.log", '-p', ngx.path, '-c', "${ngx}/nginx.conf")
        .redirectErrorStream(true).redirectOutput(new File(ngx, 'nginx.out')).start()
System.properties.put("it.${basedir.name}.nginx", nginx)
long until = System.nanoTime() + 20_000_000_000L
while (true) {
    try { new Socket('127.0.0.1', port).close(); break } catch (IOException e) {
        assert nginx.alive && System.nanoTime() < until : "nginx did not start: ${new File(ngx, 'nginx.out').text}"
        Thread.sleep(50)
    }
}

def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@PORT@', "${port}").replace('@SHA_ALPHA@', shas.alpha).replace('@SHA_BETA@', shas.beta)

// First build: downloads both.
def outerRepo = new File(System.getProperty('maven.repo.local') ?: "${System.getProperty('user.home')}/.m2/repository")
new File(basedir, 'first-settings.xml').text = """<settings><mirrors><mirror><id>outer</id><mirrorOf>*</mirrorOf>
<url>${outerRepo.toURI()}</url></mirror></mirrors></settings>"""
def version = (pom.text =~ /<artifactId>firmware-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
def plugin = "io.github.firmwaremaven:firmware-maven-plugin:${version}"
def first = new ProcessBuilder(new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-s', 'first-settings.xml',
        "-Dmaven.repo.local=${localRepositoryPath}", "${plugin}:fetch-sources", "${plugin}:sbom", "${plugin}:legal-info")
        .directory(basedir).redirectErrorStream(true).redirectOutput(new File(basedir, 'first-build.log')).start()
assert first.waitFor(300, TimeUnit.SECONDS) && first.exitValue() == 0 : new File(basedir, 'first-build.log').text
def requests = new File(ngx, 'access.log').readLines()
assert requests.sort() == ['GET /alpha/archive/v1.0.tar.gz HTTP/1.1 200 range=-', 'GET /beta/archive/v1.0.tar.gz HTTP/1.1 200 range=-'] : requests
new File(basedir, 'work/shas.properties').text = "alpha=${shas.alpha}\nbeta=${shas.beta}\n"
return true
