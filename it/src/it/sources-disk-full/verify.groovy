def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def cache = new File(basedir, 'cache')
try {
    def log = new File(basedir, 'build.log').text
    def m = log =~ /Source 'big': The disk is full: extracting big-1.0.tar.gz stopped at entry 'big-1.0\/blob.bin' while writing into (\S+)\/tree \(([^)]*)\)\. Nothing half-extracted was kept\. Free space on that file system \(or point <cacheDir> at a larger one\) and run the build again/
    assert m.find() : 'no disk-full message naming source, archive, entry and directory'
    assert m.group(1).startsWith(new File(cache, 'build/sources/v2-source-big-').path) : m.group(1)
    assert m.group(2).contains('No space left on device') : m.group(2)
    assert !log.contains('java.io.IOException: No space left on device\n[') : 'a bare exception reached the user'
    // The half-written temporary tree was removed; nothing under sources looks usable.
    def left = new File(cache, 'build/sources').listFiles().findAll { it.isDirectory() }
    assert left.isEmpty() : "left behind: ${left}"
} finally {
    def umount = ['umount', cache.path].execute()
    umount.waitForProcessOutput(System.out, System.err)
    assert umount.exitValue() == 0 : "could not unmount ${cache}"
}
return true
