// The ITs' one HTTP server: Debian's nginx (from it/host-packages.sh), started by the IT's setup hook on
// 127.0.0.1 under the IT's own work/nginx and stopped by its verify hook (or, failing that, a JVM
// shutdown hook). The hooks load this file with
//     def Nginx = evaluate(new File(itLib, 'nginx.groovy'))
// (itLib is a script variable set in it/pom.xml) and then
//     def ngx = Nginx.start(basedir)                          // serves work/served/** on ngx.port
//     def ngx = Nginx.start(basedir, servers: [main: 'location /x/ { return 503; }', mirror: [root: dir]])
//     ngx.fill()                                              // @PORT@, @PORT:name@, @SHA:path@ in pom.xml, *.properties
// and in verify.groovy
//     def ngx = Nginx.running(basedir); ngx.stop(); ngx.requests   // parsed from the access log
// Special behaviour (401, 302, 503, a forward proxy, a slow link) is an nginx config fragment the IT passes
// in; a fragment is a String or a Closure that gets the map of ports (to point a redirect at another server).
import java.security.MessageDigest
import java.util.concurrent.TimeUnit

class Nginx {
    // Tab-separated, so the verify hooks can split it; nginx writes an absent header as "-".
    static final List<String> FIELDS = ['port', 'method', 'uri', 'status', 'range', 'auth', 'pauth', 'host', 'bytes', 'line']
    static final String FORMAT = ['$server_port', '$request_method', '$uri', '$status', '$http_range',
                                  '$http_authorization', '$http_proxy_authorization', '$http_host', '$body_bytes_sent',
                                  '$request'].join('\\t')

    File basedir
    File prefix
    Map<String, Integer> ports
    Process process

    /** The port of the first (or only) server block. */
    int getPort() { ports.values().first() }

    /**
     * Writes work/nginx/nginx.conf and starts nginx in the foreground. Options: servers (name to fragment, or
     * to a map with root, listen and conf; default one server 'main'), root (default work/served), http (a
     * fragment for the http block).
     */
    static Nginx start(Map opts = [:], File basedir) {
        def bin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find { new File(it).canExecute() }
        assert bin : 'nginx is not installed; run it/host-packages.sh'
        def prefix = new File(basedir, 'work/nginx')
        // A re-run without mvn clean must not meet the previous run's nginx or log.
        def oldPid = new File(prefix, 'nginx.pid')
        if (oldPid.isFile()) { ['kill', oldPid.text.trim()].execute().waitFor(); Thread.sleep(300) }
        prefix.deleteDir()
        new File(prefix, 'tmp').mkdirs()
        File root = (opts.root ?: new File(basedir, 'work/served')) as File
        root.mkdirs()
        Map servers = opts.servers ?: [main: '']
        def sockets = servers.keySet().collect { new ServerSocket(0, 1, InetAddress.getLoopbackAddress()) }
        Map<String, Integer> ports = [:]
        servers.keySet().eachWithIndex { name, i -> ports[name as String] = sockets[i].localPort }
        sockets*.close()

        def p = prefix.absolutePath
        def blocks = servers.collect { name, spec ->
            Map s = spec instanceof Map ? spec : [conf: spec]
            def conf = s.conf instanceof Closure ? s.conf.call(ports) : (s.conf ?: '')
            def listen = "127.0.0.1:${ports[name]}" + (s.listen ? " ${s.listen}" : '')
            """  # ${name}
  server {
    listen ${listen};
    root ${(s.root ?: root) as File};
${conf.readLines().collect { '    ' + it }.join('\n')}
  }
"""
        }.join('')
        def http = opts.http instanceof Closure ? opts.http.call(ports) : (opts.http ?: '')
        new File(prefix, 'nginx.conf').text = """daemon off;
master_process on;
worker_processes 1;
pid ${p}/nginx.pid;
error_log ${p}/error.log info;
${System.getProperty('user.name') == 'root' ? 'user root;' : ''}
events { worker_connections 64; }
http {
  default_type application/octet-stream;
  client_body_temp_path ${p}/tmp/body;
  proxy_temp_path ${p}/tmp/proxy;
  fastcgi_temp_path ${p}/tmp/fastcgi;
  uwsgi_temp_path ${p}/tmp/uwsgi;
  scgi_temp_path ${p}/tmp/scgi;
  log_format it '${FORMAT}';
  access_log ${p}/access.log it;
${http}
${blocks}}
"""
        def out = new File(prefix, 'nginx.out')
        def check = new ProcessBuilder(bin, '-t', '-p', p, '-e', "${p}/error.log", '-c', "${p}/nginx.conf")
                .redirectErrorStream(true).start()
        def checked = check.inputStream.text
        assert check.waitFor() == 0 : "nginx -t:\n${checked}\n${new File(prefix, 'nginx.conf').text}"
        def process = new ProcessBuilder(bin, '-p', p, '-e', "${p}/error.log", '-c', "${p}/nginx.conf")
                .directory(prefix).redirectErrorStream(true).redirectOutput(out).start()
        Runtime.runtime.addShutdownHook(new Thread({ process.destroy() } as Runnable))
        System.properties.put("it.${basedir.name}.nginx".toString(), process)
        new File(prefix, 'ports.properties').text = ports.collect { k, v -> "${k}=${v}\n" }.join('')
        long until = System.nanoTime() + 20_000_000_000L
        ports.values().each { port ->
            while (true) {
                try { new Socket('127.0.0.1', port).close(); break } catch (IOException e) {
                    assert process.alive : "nginx exited: ${out.text} ${new File(prefix, 'error.log').with { it.isFile() ? it.text : '' }}"
                    assert System.nanoTime() < until : "nginx does not listen on ${port}"
                    Thread.sleep(50)
                }
            }
        }
        new Nginx(basedir: basedir, prefix: prefix, ports: ports, process: process)
    }

    /** The nginx this IT's setup hook started (ports from work/nginx/ports.properties). */
    static Nginx running(File basedir) {
        def prefix = new File(basedir, 'work/nginx')
        def props = new Properties()
        new File(prefix, 'ports.properties').withInputStream { props.load(it) }
        Map<String, Integer> ports = [:]
        // ports.properties keeps the servers' order, which Properties does not.
        new File(prefix, 'ports.properties').readLines().each { l -> def kv = l.split('=', 2); ports[kv[0]] = kv[1] as int }
        new Nginx(basedir: basedir, prefix: prefix, ports: ports,
                process: System.properties.get("it.${basedir.name}.nginx".toString()) as Process)
    }

    static String sha(File f) { MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }

    /** Fills @PORT@ (the first server), @PORT:name@ and @SHA:path@ (a file below root) in the given files. */
    String fill(String text, File root = new File(basedir, 'work/served')) {
        text = text.replace('@PORT@', "${port}")
        ports.each { name, port -> text = text.replace("@PORT:${name}@", "${port}") }
        text.replaceAll(/@SHA:([^@]+)@/) { all, name -> sha(new File(root, name)) }
    }

    /** As the ITs always did: pom.xml and every *.properties of the IT but invoker.properties. */
    void fill(File root = new File(basedir, 'work/served')) {
        ([new File(basedir, 'pom.xml')] + basedir.listFiles().findAll {
            it.name.endsWith('.properties') && it.name != 'invoker.properties'
        }).findAll { it.isFile() }.each { it.text = fill(it.text, root) }
    }

    /** Every request nginx finished, in order, as maps of FIELDS (and path, the same as uri); an absent header is ''. */
    List<Map> getRequests() {
        def log = new File(prefix, 'access.log')
        if (!log.isFile()) return []
        log.readLines().findAll { it }.collect { line ->
            def v = line.split('\t', -1)
            assert v.length == FIELDS.size() : "unexpected access log line: ${line}"
            def m = [:]
            FIELDS.eachWithIndex { f, i -> m[f] = v[i] == '-' ? '' : v[i] }
            m.port = m.port as int; m.status = m.status as int; m.bytes = (m.bytes ?: '0') as long
            m.path = m.uri
            m
        }
    }

    /** The requests' paths, in order: what the JDK servers used to record. */
    List<String> getPaths() { requests.collect { it.uri } }

    void stop() {
        if (process != null) {
            process.destroy()
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
            process.waitFor(10, TimeUnit.SECONDS)
            assert !process.alive : 'nginx still running'
        } else {
            def pid = new File(prefix, 'nginx.pid')
            if (pid.isFile()) ['kill', pid.text.trim()].execute().waitFor()
        }
        System.properties.remove("it.${basedir.name}.nginx".toString())
    }
}
return Nginx
