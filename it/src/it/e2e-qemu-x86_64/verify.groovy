def log = new File(basedir, 'build.log').text
def board = new File(basedir, 'board')
def fw = new File(board, 'target/firmware')
// The real outputs exist.
assert new File(fw, 'kernel/image/bzImage').length() > 500_000 : 'no kernel image'
assert new File(fw, 'rootfs/staging/bin/busybox').isFile() : 'busybox not staged'
assert new File(fw, 'rootfs/staging/sbin/kexec').isFile() : 'kexec not staged'
// The boot: the nonce came back through /proc/cmdline, and without firmware of ours no EFI.
def m = (log =~ /Boot test passed in \d+ ms: 'FIRMWARE-READY nonce=([0-9a-f]{16})'/)
assert m.find() : 'boot test did not pass'
def serial = new File(fw, 'boot-test/serial.log').text
assert serial.contains('Linux version 6.1.') : 'serial log is not from our kernel'
// The negative control failed on time, with the console tail, and left no QEMU running.
assert log.contains("THIS-LINE-NEVER-COMES") : 'negative control did not run'
assert log =~ /did not appear|within 15 s|Timed out|before '/ : 'negative control failed for another reason'
def ps = ['pgrep', '-f', 'qemu-system-x86_64.*' + board.absolutePath].execute()
ps.waitFor()
assert ps.text.trim().isEmpty() : "QEMU processes remain: ${ps.text}"

// Reproducibility and recovery: a fresh copy of the board in another directory, built with another
// umask, TZ and LANG and without reusing the cached kernel, killed with SIGKILL in the middle of the
// kernel's make, then the same command again. It must finish, leave nothing running, and give the
// same kernel image and initramfs bytes as the first build.
def copy = new File(basedir, 'second-checkout/board')
def run = { List<String> cmd, File dir -> def p = new ProcessBuilder(cmd).directory(dir).inheritIO().start(); assert p.waitFor() == 0 : cmd }
// rm -rf, never Groovy's deleteDir: a build area holds kbuild's obj/source symlink to the shared
// source tree, and deleteDir follows links into it.
run(['rm', '-rf', copy.parentFile.absolutePath], basedir)
copy.mkdirs()
// A fresh checkout: the board's pom and sources only, no build area.
run(['cp', '-r', 'pom.xml', 'src', copy.absolutePath], board)
// archetype:generate made the board a module of this holder project: its parent comes along.
run(['cp', new File(basedir, 'pom.xml').absolutePath, copy.parentFile.absolutePath], basedir)
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
// Not offline: outside the invoker's settings Maven would refuse, offline, the artifacts the ITs' own
// repository definition brought in; online it only fills what is missing.
def build = ['sh', '-c', 'umask 077 && exec "$0" "$@"', mvn, '-B', '-ntp', '-Dmaven.repo.local=' + localRepositoryPath,
             '-Dfirmware.cacheDir=' + firmwareCacheDir, '-Dfirmware.sourceOverrides=' + sourceOverrides,
             '-Dfirmware.kernel.reuse=false', 'package']
def start = { File logFile ->
    def pb = new ProcessBuilder(build).directory(copy).redirectErrorStream(true).redirectOutput(logFile)
    pb.environment().put('TZ', 'Pacific/Chatham')
    pb.environment().put('LANG', 'de_DE.UTF-8')
    pb.environment().remove('MAVEN_OPTS')
    pb.start()
}
def first = start(new File(basedir, 'second-build-killed.log'))
def kernelLog = new File(copy, 'target/firmware/logs/kernel-build.log')
long deadline = System.currentTimeMillis() + 30 * 60 * 1000
while (!(kernelLog.isFile() && kernelLog.readLines().count { it.trim().startsWith('CC') } >= 100)) {
    assert first.isAlive() : 'the second build ended before the kernel make was under way'
    assert System.currentTimeMillis() < deadline : 'the kernel make never got going'
    Thread.sleep(200)
}
first.destroyForcibly()   // SIGKILL to Maven's JVM: no shutdown hook runs
first.waitFor()
def leftovers = ['pgrep', '-f', copy.absolutePath].execute().text.trim()
assert !leftovers.isEmpty() : 'expected the killed build to leave make running (otherwise this proves nothing)'
def second = start(new File(basedir, 'second-build.log'))
assert second.waitFor() == 0 : 'the re-run after kill -9 failed: see second-build.log'
def rerunLog = new File(basedir, 'second-build.log').text
assert rerunLog.contains('kernel-build: the previous run stopped inside this step')
assert ['pgrep', '-f', copy.absolutePath].execute().text.trim().isEmpty() : 'processes of the killed build remain'
def sha = { File f -> java.security.MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
['kernel/image/bzImage', 'initramfs/initramfs.cpio.gz'].each { rel ->
    def a = new File(fw, rel), b = new File(copy, 'target/firmware/' + rel)
    assert sha(a) == sha(b) : "${rel} differs between the two checkouts: ${sha(a)} vs ${sha(b)}"
    println "reproducible: ${rel} ${sha(a)}"
}
return true
