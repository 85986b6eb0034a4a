// The build cache on a real 1 MiB tmpfs (CI runs as root); the archive holds 3 MiB of incompressible bytes
// after a small file, so the disk fills inside the second entry. verify.groovy unmounts it.
def cache = new File(basedir, 'cache'); cache.mkdirs()
def mount = ['mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', cache.path].execute()
mount.waitForProcessOutput(System.out, System.err)
assert mount.exitValue() == 0 : "could not mount a tmpfs on ${cache} (the IT needs root)"
def work = new File(basedir, 'work'); def up = new File(work, 'served/up'); up.mkdirs()
def craft = ['python3', '-c', '''
import io, os, sys, tarfile
with tarfile.open(sys.argv[1], "w:gz") as t:
    for name, data in (("big-1.0/README", b"small\\n"), ("big-1.0/blob.bin", os.urandom(3 << 20))):
        i = tarfile.TarInfo(name); i.size = len(data); i.mode = 0o644
        t.addfile(i, io.BytesIO(data))
''', new File(up, 'big-1.0.tar.gz').path].execute()
craft.waitForProcessOutput(System.out, System.err)
assert craft.exitValue() == 0
// Debian's nginx serves work/served/** on 127.0.0.1 (it/src/it-lib/nginx.groovy) and fills @PORT@ / @SHA:name@.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir)
ngx.fill()
return true
