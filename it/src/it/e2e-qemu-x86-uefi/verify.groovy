def log = new File(basedir, 'build.log').text
def board = new File(basedir, 'board')
def fw = new File(board, 'target/firmware')
def fv = new File(fw, 'edk2/fv')
assert new File(fv, 'OVMF_CODE.fd').isFile() && new File(fv, 'OVMF_VARS.fd').isFile() : 'no OVMF CODE/VARS'
assert new File(fv, 'OVMF.fd').length() == 2L * 1024 * 1024 : 'OVMF.fd is not FD_SIZE_2MB'
// QEMU got OVMF as pflash on q35 and the kernel through -kernel.
def booting = log.readLines().find { it.contains('Booting: ') }
assert booting.contains('if=pflash') && booting.contains('OVMF_CODE.fd') && booting.contains('q35') : booting
// efi=yes: /sys/firmware/efi exists, which SeaBIOS booting -kernel would not give.
assert log =~ /Boot test passed in \d+ ms: 'FIRMWARE-READY nonce=[0-9a-f]{16} efi=yes/ : 'boot test did not pass with efi=yes'
def serial = new File(fw, 'boot-test/serial.log').text
assert serial.contains('Linux version 6.1.') : 'serial log is not from our kernel'
assert log.contains("THIS-LINE-NEVER-COMES") : 'negative control did not run'
def ps = ['pgrep', '-f', 'qemu-system-x86_64.*' + board.absolutePath].execute()
ps.waitFor()
assert ps.text.trim().isEmpty() : "QEMU processes remain: ${ps.text}"
return true
