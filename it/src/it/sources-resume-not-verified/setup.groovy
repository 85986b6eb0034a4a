import java.security.MessageDigest

def shas = [:]
['releases/good', 'flaky/flaky'].each { path ->
    def name = path.substring(path.indexOf('/') + 1)
    def src = new File(basedir, "work/${name}-1.0"); src.mkdirs()
    def noise = new byte[200_000]; new Random(name.hashCode()).nextBytes(noise)
    new File(src, 'noise.bin').bytes = noise
    def out = new File(basedir, "work/served/${path}-1.0.tar.gz"); out.parentFile.mkdirs()
    def p = new ProcessBuilder('tar', 'czf', out.path, "${name}-1.0").directory(new File(basedir, 'work')).redirectErrorStream(true).start()
    assert p.waitFor() == 0 : p.text
    shas[name] = MessageDigest.getInstance('SHA-256').digest(out.bytes).encodeHex().toString()
    // The leftover of a killed build: 1000 bytes, and not the file's first 1000.
    def part = new File(basedir, "downloads/v1/sha256/${shas[name].substring(0, 2)}/${shas[name]}/${name}-1.0.tar.gz.part")
    part.parentFile.mkdirs(); part.bytes = new byte[1000]
}
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
  server {
    listen 127.0.0.1:${port};
    root ${basedir}/work/served;
    location /flaky/ { if (\$http_range = "") { return 503; } }
  }
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
pom.text = pom.text.replace('@PORT@', "${port}").replace('@SHA_GOOD@', shas.good).replace('@SHA_FLAKY@', shas.flaky)
new File(basedir, 'work/state.properties').text = "port=${port}\ngood=${shas.good}\nflaky=${shas.flaky}\n"
return true
