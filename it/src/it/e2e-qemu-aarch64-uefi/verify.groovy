def log = new File(basedir, 'build.log').text
def board = new File(basedir, 'board')
def fw = new File(board, 'target/firmware')
assert new File(fw, 'edk2/fv/QEMU_EFI.fd').isFile() : 'no QEMU_EFI.fd'
def padded = new File(fw, 'pflash').listFiles().findAll { it.name.endsWith('.fd') }
assert padded.size() == 2 && padded.every { it.length() == 64L * 1024 * 1024 } : "pflash images not 64 MiB: ${padded}"
def booting = log.readLines().find { it.contains('Booting: ') }
assert booting.contains('if=pflash') && booting.contains('virt') && booting.contains('cortex-a57') : booting
// efi=yes and acpi=yes: the tables came from ArmVirtQemu, not from QEMU's device tree boot.
assert log =~ /Boot test passed in \d+ ms: 'FIRMWARE-READY nonce=[0-9a-f]{16} efi=yes acpi=yes/ : 'boot test did not pass with efi=yes acpi=yes'
assert new File(fw, 'boot-test/serial.log').text.contains('Linux version 6.1.') : 'serial log is not from our kernel'
assert log.contains("THIS-LINE-NEVER-COMES") : 'negative control did not run'
def ps = ['pgrep', '-f', 'qemu-system-aarch64.*' + board.absolutePath].execute()
ps.waitFor()
assert ps.text.trim().isEmpty() : "QEMU processes remain: ${ps.text}"
return true
