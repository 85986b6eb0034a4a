// The generated board built by mvn verify, with the recovery and negative control checks run here
// because each needs control over a Maven process (a kill, a property).
def board = new File(basedir, 'board')
def fw = new File(board, 'target/firmware')
def b = evaluate(new File(itLib, 'board-builds.groovy')).with(basedir, localRepositoryPath, firmwareCacheDir, sourceOverrides)
def start = b.&start
def text = b.&text

// 1. Recovery: mvn verify killed with SIGKILL in the middle of the kernel's make, then the same
// command again. kernel.reuse=false so the make runs even when a kept build cache has this kernel;
// the result still goes to the cache, where the coreboot and UEFI boards find it.
def verify = ['-Dfirmware.build-kernel.reuse=false', 'verify']
b.killInsideMake(board, verify, 'build-killed.log', new File(fw, 'logs/kernel-build.log'), 100)
assert !b.noProcessesOf(board) : 'expected the killed build to leave make running (otherwise this proves nothing)'
def rerun = start(board, verify, 'build-rerun.log')
assert rerun.waitFor() == 0 : 'the re-run after kill -9 failed: see build-rerun.log'
def log = text('build-rerun.log')
assert log.contains('kernel-build: the previous run stopped inside this step')
assert b.noProcessesOf(board) : 'processes of the killed build remain'

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
assert b.noProcessesOf(board, 'qemu-system-x86_64.*') : 'QEMU remains'

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
assert b.noProcessesOf(board, 'qemu-system-x86_64.*') : 'QEMU remains'

// The second-directory rebuild, the edited cache tree and the warm cache: e2e-reproducible.
return true
