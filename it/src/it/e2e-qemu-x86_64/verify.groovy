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
return true
