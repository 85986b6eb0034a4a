def log = new File(basedir, 'build.log').text
assert log.contains('lacks 2 source file(s)')
assert log.contains('linux_6.1.176.orig.tar.xz') && log.contains('busybox_1.35.0.orig.tar.bz2')
assert log.contains('http://127.0.0.1:9/mirror/linux_6.1.176.orig.tar.xz') : 'mirror URL listed'
assert log.contains('http://127.0.0.1:9/busybox_1.35.0.orig.tar.bz2') : 'upstream URL listed'
assert log.contains('mvn firmware:fetch-sources')
def left = []
def downloads = new File(basedir, 'downloads')
if (downloads.isDirectory()) downloads.eachFileRecurse { if (it.isFile() && !it.path.contains('/v1/.locks/')) left << it }
assert left.isEmpty() : left
return true
