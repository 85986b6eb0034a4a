// A 3.25 MiB source that does not compress, served by nginx (it/src/it-lib/nginx.groovy) at 256 KiB/s under
// /slow/ (13 s: the heartbeat is due at 10 s) and at 1 MiB/s under /fast/ (3 s: a terminal line updates each second).
def work = new File(basedir, 'work'); work.mkdirs()
def tree = new File(work, 'payload-1.0'); tree.mkdirs()
def random = new Random(16)
byte[] noise = new byte[3_400_000]
random.nextBytes(noise)
new File(tree, 'noise.bin').bytes = noise
new File(tree, 'README').text = 'payload for the progress IT\n'
['slow', 'fast'].each { new File(work, "served/${it}").mkdirs() }
def p = new ProcessBuilder('tar', 'czf', 'served/slow/payload-1.0.tar.gz', 'payload-1.0').directory(work)
        .redirectErrorStream(true).start()
def out = p.text
assert p.waitFor() == 0 : out
new File(work, 'served/fast/payload-1.0.tar.gz').bytes = new File(work, 'served/slow/payload-1.0.tar.gz').bytes
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir, servers: [main: '''
location /slow/ { limit_rate 256k; }
location /fast/ { limit_rate 1m; }
'''])
ngx.fill()
return true
