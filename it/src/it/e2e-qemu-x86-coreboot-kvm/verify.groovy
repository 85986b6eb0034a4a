// The hypervisor board: recovery from kill -9 inside the VMM's build, the nested boot proving every
// level, its two negative controls (no SVM; a page without the nonce), and the firmware report drawing
// the ROM's CBFS (e2e-reproducible rebuilds it in a second directory).
def board = new File(basedir, 'board')
def fw = new File(board, 'target/firmware')
def b = evaluate(new File(itLib, 'board-builds.groovy')).with(basedir, localRepositoryPath, firmwareCacheDir, sourceOverrides)
def start = b.&start
def text = b.&text
def noQemu = { b.noProcessesOf(board, 'qemu-system-x86_64.*') }
def nonce = (new File(board, 'pom.xml').text =~ /<firmware.nonce>([0-9a-f]{16})<\/firmware.nonce>/)
assert nonce.find() : 'the board has no generated nonce'
def n = nonce.group(1)

// 1. kill -9 inside kvmtool's make (rootfs.reuse=false: a kept build cache must not spare the make),
// then the same command again: it completes.
def verify = ['-Dfirmware.build-rootfs.reuse=false', 'verify']
b.killInsideMake(board, verify, 'build-killed.log', new File(fw, 'logs/kvmtool-install.log'), 15)
def rerun = start(board, verify, 'build-rerun.log')
assert rerun.waitFor() == 0 : 'the re-run after kill -9 failed: see build-rerun.log'
def log = text('build-rerun.log')
assert log.contains('kvmtool-install: the previous run stopped inside this step') : 'the kill did not land in kvmtool\'s build'
assert b.noProcessesOf(board) : 'processes of the killed build remain'

// 2. What the board built: kvmtool static and stripped, the guest's kernel and initramfs inside the host's.
def lkvm = new File(fw, 'rootfs/staging/bin/lkvm')
assert lkvm.isFile() && lkvm.length() > 500_000 && lkvm.length() < 3_000_000 : "no stripped static lkvm: ${lkvm.length()}"
def hostList = new File(fw, 'initramfs/initramfs.list').text
assert hostList =~ /(?m)^file \/guest\/bzImage \S+kernel-guest\/image\/bzImage / : 'the guest kernel is not in the host initramfs'
// (paths relative to the list's own directory, target/firmware/initramfs)
assert hostList =~ /(?m)^file \/guest\/initramfs\.cpio\.gz guest\/initramfs\.cpio\.gz / : 'no guest initramfs'
def guestList = new File(fw, 'initramfs/guest/initramfs.list').text
assert guestList.contains('/bin/busybox') && !guestList.contains('lkvm') && !guestList.contains('kexec') :
        'the guest image holds more than busybox'
def steps = new groovy.json.JsonSlurper().parse(new File(fw, 'steps.json')).steps
def guestKernel = steps.find { it.id == 'kernel-guest-build' }
def hostKernel = steps.find { it.id == 'kernel-build' }
assert guestKernel && hostKernel && guestKernel.fingerprint == hostKernel.fingerprint : 'the two roles differ'
def sha = b.&sha
assert sha(new File(fw, 'kernel/image/bzImage')) == sha(new File(fw, 'kernel-guest/image/bzImage'))
def rom = new File(fw, 'coreboot/image/coreboot.rom')
assert rom.length() == 16L * 1024 * 1024 : "no 16 MiB ROM: ${rom.length()}"

// 3. The nested boot: each level in order, then the guest's marker with the nonce from the ROM.
assert log =~ /Boot test passed in \d+ ms: 'FIRMWARE-GUEST-READY nonce=${n} launched-by=host-init'/ : 'boot test did not pass'
['coreboot-', 'kvm: Nested Virtualization enabled', 'FIRMWARE-NET-ISOLATION gateway=blocked:', 'FIRMWARE-VMM-START',
 'Hypervisor detected: KVM', 'firmware.launched-by=host-init'].each { c ->
    assert log =~ /Checkpoint passed at [0-9.]+ s: .*\Q${c}\E/ : "checkpoint ${c} not passed"
}
assert log =~ /Network check passed: http:\/\/127\.0\.0\.1:\d+\/ holds 'FIRMWARE-HTTP nonce=${n}'/ : 'no network check'
def booting = log.readLines().find { it.contains('Booting: ') }
assert booting.contains('-cpu qemu64,+svm') && booting.contains('restrict=on') && !booting.contains('-kernel')
def serial = new File(fw, 'boot-test/serial.log').text
def hostKvm = serial.indexOf('kvm: Nested Virtualization enabled')
assert hostKvm >= 0 && hostKvm < serial.indexOf('Hypervisor detected: KVM', serial.indexOf('FIRMWARE-VMM-START'))
assert noQemu() : 'QEMU remains'

// 4. Negative control: the same ROM on a CPU without SVM fails on the host's own report, at once.
def noSvm = start(board, ['verify', '-Dfirmware.boot-test.cpu=qemu64,-svm'], 'build-no-svm.log')
assert noSvm.waitFor() != 0 : 'the boot without SVM passed'
def neg = text('build-no-svm.log')
assert neg.contains("matches the fail-on pattern 'FIRMWARE-KVM-UNAVAILABLE'") : 'failed for another reason than no KVM'
assert noQemu() : 'QEMU remains after the negative control'

// 5. Negative control of the network check: a page that does not hold what is expected fails.
def wrongPage = start(board, ['verify', '-Dfirmware.boot-test.httpExpect=FIRMWARE-HTTP nonce=0000000000000000'],
        'build-wrong-page.log')
assert wrongPage.waitFor() != 0 : 'the network check passed on a page without the expected nonce'
assert text('build-wrong-page.log').contains("but its body does not hold 'FIRMWARE-HTTP nonce=0000000000000000'. Body: "
        + "FIRMWARE-HTTP nonce=${n}") : 'the network check failed for another reason'
assert noQemu() : 'QEMU remains after the network negative control'

// 6. mvn site: the firmware report draws the 16 MiB ROM with its CBFS entries.
def site = start(board, ['site'], 'build-site.log')
assert site.waitFor() == 0 : 'mvn site failed: see build-site.log'
def html = new File(board, 'target/site/firmware-report.html').text
assert html.contains('Flash layout: coreboot ROM') && html.contains('fallback/payload') : 'no CBFS drawing'
return true
