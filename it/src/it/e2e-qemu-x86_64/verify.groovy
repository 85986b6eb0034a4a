// The generated board built by mvn verify, with the recovery, negative control and reproducibility
// checks run here because each needs control over a Maven process (a kill, another directory).
def board = new File(basedir, 'board')
def fw = new File(board, 'target/firmware')
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
// Not offline: outside the invoker's settings Maven would refuse, offline, the artifacts the ITs' own
// repository definition brought in; online it only fills what is missing.
def common = [mvn, '-B', '-ntp', '-Dmaven.repo.local=' + localRepositoryPath, '-Dfirmware.cacheDir=' + firmwareCacheDir,
              '-Dfirmware.fetch-sources.sourceOverrides=' + sourceOverrides]
def start = { File dir, List<String> args, String logName, Map<String, String> env = [:] ->
    def pb = new ProcessBuilder(['sh', '-c', (env.umask ? 'umask ' + env.umask + ' && ' : '') + 'exec "$0" "$@"']
            + common + args).directory(dir).redirectErrorStream(true).redirectOutput(new File(basedir, logName))
    env.findAll { it.key != 'umask' }.each { k, v -> pb.environment().put(k, v) }
    pb.environment().remove('MAVEN_OPTS')
    pb.start()
}
def text = { String logName -> new File(basedir, logName).text }

// 1. Recovery: mvn verify killed with SIGKILL in the middle of the kernel's make, then the same
// command again. kernel.reuse=false so the make runs even when a kept build cache has this kernel;
// the result still goes to the cache, where the coreboot and UEFI boards find it.
def verify = ['-Dfirmware.build-kernel.reuse=false', 'verify']
def first = start(board, verify, 'build-killed.log')
def kernelLog = new File(fw, 'logs/kernel-build.log')
long deadline = System.currentTimeMillis() + 30 * 60 * 1000
while (!(kernelLog.isFile() && kernelLog.readLines().count { it.trim().startsWith('CC') } >= 100)) {
    assert first.isAlive() : 'the build ended before the kernel make was under way: see build-killed.log'
    assert System.currentTimeMillis() < deadline : 'the kernel make never got going'
    Thread.sleep(200)
}
first.destroyForcibly()   // SIGKILL to Maven's JVM: no shutdown hook runs
first.waitFor()
def leftovers = ['pgrep', '-f', board.absolutePath].execute().text.trim()
assert !leftovers.isEmpty() : 'expected the killed build to leave make running (otherwise this proves nothing)'
def rerun = start(board, verify, 'build-rerun.log')
assert rerun.waitFor() == 0 : 'the re-run after kill -9 failed: see build-rerun.log'
def log = text('build-rerun.log')
assert log.contains('kernel-build: the previous run stopped inside this step')
assert ['pgrep', '-f', board.absolutePath].execute().text.trim().isEmpty() : 'processes of the killed build remain'

// 2. The real outputs exist and the board booted: the nonce came back through /proc/cmdline.
assert new File(fw, 'kernel/image/bzImage').length() > 500_000 : 'no kernel image'
assert new File(fw, 'rootfs/staging/bin/busybox').isFile() : 'busybox not staged'
assert new File(fw, 'rootfs/staging/sbin/kexec').isFile() : 'kexec not staged'
assert (log =~ /Boot test passed in \d+ ms: 'FIRMWARE-READY nonce=([0-9a-f]{16})'/).find() : 'boot test did not pass'
def serial = new File(fw, 'boot-test/serial.log').text
assert serial.contains('Linux version 6.1.') : 'serial log is not from our kernel'

// 3. Negative control: a line that never comes fails within its limit, with the console tail, and
// leaves no QEMU running.
def negative = start(board, ['verify', '-DbootTest.expect=THIS-LINE-NEVER-COMES', '-DbootTest.timeoutSeconds=15'],
        'build-negative.log')
assert negative.waitFor() != 0 : 'the negative control passed'
def neg = text('build-negative.log')
assert neg.contains('THIS-LINE-NEVER-COMES') : 'negative control did not run'
assert neg =~ /did not appear|within 15 s|Timed out|before '/ : 'negative control failed for another reason'
assert ['pgrep', '-f', 'qemu-system-x86_64.*' + board.absolutePath].execute().text.trim().isEmpty() : 'QEMU remains'

// 3b. The network check: the board's page came through the port forwarded from 127.0.0.1, nothing else
// was reachable from inside; a page without the expected text fails (its negative control).
def bootNonce = (log =~ /Boot test passed in \d+ ms: 'FIRMWARE-READY nonce=([0-9a-f]{16})'/)[0][1]
assert log =~ /Network check passed: http:\/\/127\.0\.0\.1:\d+\/ holds 'FIRMWARE-HTTP nonce=${bootNonce}'/ : 'no network check'
assert log =~ /Checkpoint passed at [0-9.]+ s: FIRMWARE-NET-ISOLATION gateway=blocked:\d+ beyond=blocked/
def wrongPage = start(board, ['verify', '-Dfirmware.boot-test.httpExpect=FIRMWARE-HTTP nonce=0000000000000000'],
        'build-wrong-page.log')
assert wrongPage.waitFor() != 0 : 'the network check passed on a page without the expected nonce'
assert text('build-wrong-page.log') =~ /but its body does not hold 'FIRMWARE-HTTP nonce=0000000000000000'\. Body: FIRMWARE-HTTP nonce=[0-9a-f]{16}/ :
        'the network check failed for another reason'
assert ['pgrep', '-f', 'qemu-system-x86_64.*' + board.absolutePath].execute().text.trim().isEmpty() : 'QEMU remains'

// 4. Reproducibility of the userland: a fresh copy of the board in another directory, built with
// another umask, TZ and LANG, compiling busybox and kexec-tools again (rootfs.reuse=false) but taking
// the kernel from the cache (built once per run; it/benchmarks/reproducible-coreboot.sh compares
// kernels built in two directories). Same initramfs bytes expected.
def copy = new File(basedir, 'second-checkout/board')
def run = { List<String> cmd, File dir -> def p = new ProcessBuilder(cmd).directory(dir).inheritIO().start(); assert p.waitFor() == 0 : cmd }
// rm -rf, never Groovy's deleteDir: a build area holds kbuild's obj/source symlink to the shared
// source tree, and deleteDir follows links into it.
run(['rm', '-rf', copy.parentFile.absolutePath], basedir)
copy.mkdirs()
run(['cp', '-r', 'pom.xml', 'src', copy.absolutePath], board)
// archetype:generate made the board a module of this holder project: its parent comes along.
run(['cp', new File(basedir, 'pom.xml').absolutePath, copy.parentFile.absolutePath], basedir)
// 4a. A file of the shared busybox tree edited in the build cache, its modification time put back as
// touch -r does: the first step that reads the tree notices (the change time moved), the tree is
// extracted again, and the build below compiles the pristine sources (its bytes are compared next).
def registry = new Properties()
new File(fw, 'sources.properties').withInputStream { registry.load(it) }
def busyboxTree = new File(registry.getProperty('busybox.tree'))
def edited = new File(busyboxTree, 'README')
def timeRef = new File(basedir, 'readme-time-ref')
run(['cp', '-p', edited.path, timeRef.path], basedir)
edited.text = edited.text.replaceFirst('BusyBox', 'BUSYBOX')
run(['touch', '-r', timeRef.path, edited.path], basedir)
assert edited.text.contains('BUSYBOX') && edited.lastModified() == timeRef.lastModified()
def second = start(copy, ['-Dfirmware.build-rootfs.reuse=false', 'package'], 'second-build.log',
        [umask: '077', TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8'])
assert second.waitFor() == 0 : 'the build in the second directory failed: see second-build.log'
def secondLog = text('second-build.log')
assert secondLog.contains('busybox-install: running') && secondLog.contains('kexec-tools-install: running')
assert secondLog.contains("busybox-config: ${busyboxTree} in the build cache was changed after it was stored (first "
        + "difference: README: changed since it was stored (modification time, change time or inode)); removing it") :
        'the edited busybox tree was not noticed'
assert secondLog.contains('busybox-config: making it again with source-busybox')
assert !edited.text.contains('BUSYBOX') : 'the tree was not extracted again'
assert secondLog.contains('kernel-build: reusing the outputs built with the same inputs') : 'the kernel was built twice in one run'
def sha = { File f -> java.security.MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
['rootfs/staging/bin/busybox', 'rootfs/staging/sbin/kexec', 'initramfs/initramfs.cpio.gz'].each { rel ->
    def a = new File(fw, rel), b = new File(copy, 'target/firmware/' + rel)
    assert sha(a) == sha(b) : "${rel} differs between the two checkouts: ${sha(a)} vs ${sha(b)}"
    println "reproducible: ${rel} ${sha(a)}"
}

// 5. A warm build cache gives the bytes that building gives: the copy, cleaned, takes every shared step
// from the cache (the first board built them all with an empty one), and every attached artifact in
// hashes.txt matches; no cache bookkeeping file reaches the staging tree.
def warm = start(copy, ['clean', 'package'], 'warm-build.log')
assert warm.waitFor() == 0 : 'the build from a warm cache failed: see warm-build.log'
def warmLog = text('warm-build.log')
['kernel-build', 'busybox-install', 'kexec-tools-install'].each { id ->
    assert warmLog.contains(id + ': reusing the outputs built with the same inputs') : "${id} was not restored"
}
def warmFw = new File(copy, 'target/firmware')
assert new File(warmFw, 'hashes.txt').text == new File(fw, 'hashes.txt').text :
        "a warm cache changed the artifacts:\n" + new File(warmFw, 'hashes.txt').text + "\nvs\n" + new File(fw, 'hashes.txt').text
def stray = []
new File(warmFw, 'rootfs/staging').eachFileRecurse { if (it.name.startsWith('.')) stray << it }
assert stray.isEmpty() : "bookkeeping files in the staging tree: ${stray}"
println 'warm cache: ' + new File(warmFw, 'hashes.txt').readLines().size() + ' artifacts identical to the cold build'
return true
