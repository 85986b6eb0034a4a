import java.security.MessageDigest

def served = new File(basedir, 'work/served'); served.mkdirs()
def big = new byte[3 * 1024 * 1024]; new Random(14).nextBytes(big)
new File(served, 'big-1.0.tar.gz').bytes = big
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
pom.text = pom.text.replace('@PORT@', "${port}").replace('@SHA@', MessageDigest.getInstance('SHA-256').digest(big).encodeHex().toString())
new File(basedir, 'work/port').text = "${port}"

// A real small file system: the download fills it.
def downloads = new File(basedir, 'downloads'); downloads.mkdirs()
def mount = new ProcessBuilder('mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', downloads.path).redirectErrorStream(true).start()
assert mount.waitFor() == 0 : "mount tmpfs (needs root): ${mount.text}"
return true
