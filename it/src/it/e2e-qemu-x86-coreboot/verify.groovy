def log = new File(basedir, 'build.log').text
def board = new File(basedir, 'board')
def fw = new File(board, 'target/firmware')
def rom = new File(fw, 'coreboot/image/coreboot.rom')
assert rom.length() == 8L * 1024 * 1024 : 'no 8 MiB coreboot.rom'
// The CBFS layout went to a file and to the log, with the Linux payload in it.
def layout = new File(fw, 'coreboot/image/cbfs-layout.txt').text
assert layout.contains('fallback/payload') : 'no payload in the CBFS layout'
assert log.contains('CBFS layout of') : 'CBFS layout not logged'
// The nonce the archetype generated for this board lives in its pom and in the ROM's command line.
def nonce = (new File(board, 'pom.xml').text =~ /<firmware.nonce>([0-9a-f]{16})<\/firmware.nonce>/)
assert nonce.find() : 'the board has no generated nonce'
def n = nonce.group(1)
assert new File(fw, 'coreboot/image/coreboot.config').text.contains("firmware.nonce=${n}") : 'command line not in the config'
// QEMU got -bios and no -kernel/-append: the nonce can only have come from the ROM.
def booting = log.readLines().find { it.contains('Booting: ') }
assert booting.contains('-bios') && !booting.contains('-kernel') && !booting.contains('-append') : booting
assert log.contains("Boot test passed in") && log =~ /Boot test passed in \d+ ms: 'FIRMWARE-READY nonce=${n}/ : 'boot test did not pass'
// The coreboot banner carries our version string (coreboot version + the board's local version).
def serial = new File(fw, 'boot-test/serial.log').text
assert serial =~ /coreboot-4\.15-board-1\.0 .*(bootblock|romstage|ramstage) starting/ : 'no coreboot banner with our version'
assert serial.contains('Linux version 6.1.') : 'serial log is not from our kernel'
// The negative control failed on time and left no QEMU running.
assert log.contains("THIS-LINE-NEVER-COMES") : 'negative control did not run'
def ps = ['pgrep', '-f', 'qemu-system-x86_64.*' + board.absolutePath].execute()
ps.waitFor()
assert ps.text.trim().isEmpty() : "QEMU processes remain: ${ps.text}"
// mvn site rendered the firmware report from this build through the site skin.
def page = new File(board, 'target/site/firmware-report.html')
assert page.isFile() : 'mvn site wrote no firmware-report.html'
def html = page.text
assert html.contains('Flash layout: coreboot ROM') && html.contains('class="firmware-layout"') : 'no ROM drawing'
assert html.contains('fallback/payload') : 'the CBFS entries are not in the report'
assert html.contains('class="firmware-steps"') : 'no step chart'
return true
