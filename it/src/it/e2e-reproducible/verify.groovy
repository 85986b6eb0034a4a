// The one job that rebuilds e2e boards in a second directory and compares bytes. Each copy is
// built with another umask, TZ and LANG and compiles its userland again (rootfs.reuse=false); the
// kernel comes from the build cache (built once per run; it/benchmarks/reproducible-coreboot.sh
// compares kernels built in two directories).
def b = evaluate(new File(itLib, 'board-builds.groovy')).with(basedir, localRepositoryPath, firmwareCacheDir, sourceOverrides)
def e2e = basedir.parentFile
def other = [umask: '077', TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8']
def compare = { File fw, File copy, List<String> files ->
    files.each { rel ->
        def a = new File(fw, rel), c = new File(copy, 'target/firmware/' + rel)
        assert a.isFile() : "${a} is missing: did its board's IT run?"
        assert b.sha(a) == b.sha(c) : "${rel} differs between the two directories: ${b.sha(a)} vs ${b.sha(c)}"
        println "reproducible: ${rel} ${b.sha(a)}"
    }
}

// 1. The x86_64 board (busybox, kexec-tools, the initramfs).
def x86 = new File(e2e, 'e2e-qemu-x86_64')
def x86fw = new File(x86, 'board/target/firmware')
def x86copy = b.copyBoard(x86, new File(basedir, 'x86_64'))
// 1a. A file of the shared busybox tree edited in the build cache, its modification time put back as
// touch -r does: the first step that reads the tree notices (the change time moved), the tree is
// extracted again, and the build below compiles the pristine sources (its bytes are compared next).
def registry = new Properties()
new File(x86fw, 'sources.properties').withInputStream { registry.load(it) }
def busyboxTree = new File(registry.getProperty('busybox.tree'))
def edited = new File(busyboxTree, 'README')
def timeRef = new File(basedir, 'readme-time-ref')
b.run(['cp', '-p', edited.path, timeRef.path], basedir)
edited.text = edited.text.replaceFirst('BusyBox', 'BUSYBOX')
b.run(['touch', '-r', timeRef.path, edited.path], basedir)
assert edited.text.contains('BUSYBOX') && edited.lastModified() == timeRef.lastModified()
def second = b.start(x86copy, ['-Dfirmware.build-rootfs.reuse=false', 'package'], 'x86_64-second-build.log', other)
assert second.waitFor() == 0 : 'the build in the second directory failed: see x86_64-second-build.log'
def secondLog = b.text('x86_64-second-build.log')
assert secondLog.contains('busybox-install: running') && secondLog.contains('kexec-tools-install: running')
assert secondLog.contains("busybox-config: ${busyboxTree} in the build cache was changed after it was stored (first "
        + "difference: README: changed since it was stored (modification time, change time or inode)); removing it") :
        'the edited busybox tree was not noticed'
assert secondLog.contains('busybox-config: making it again with source-busybox')
assert !edited.text.contains('BUSYBOX') : 'the tree was not extracted again'
assert secondLog.contains('kernel-build: reusing the outputs built with the same inputs') : 'the kernel was built twice in one run'
compare(x86fw, x86copy, ['rootfs/staging/bin/busybox', 'rootfs/staging/sbin/kexec', 'initramfs/initramfs.cpio.gz'])

// 1b. A warm build cache gives the bytes that building gives: the copy, cleaned, takes every shared
// step from the cache (the first board built them all with an empty one), and every attached
// artifact in hashes.txt matches; no cache bookkeeping file reaches the staging tree.
def warm = b.start(x86copy, ['clean', 'package'], 'x86_64-warm-build.log')
assert warm.waitFor() == 0 : 'the build from a warm cache failed: see x86_64-warm-build.log'
def warmLog = b.text('x86_64-warm-build.log')
['kernel-build', 'busybox-install', 'kexec-tools-install'].each { id ->
    assert warmLog.contains(id + ': reusing the outputs built with the same inputs') : "${id} was not restored"
}
def warmFw = new File(x86copy, 'target/firmware')
assert new File(warmFw, 'hashes.txt').text == new File(x86fw, 'hashes.txt').text :
        "a warm cache changed the artifacts:\n" + new File(warmFw, 'hashes.txt').text + "\nvs\n" + new File(x86fw, 'hashes.txt').text
def stray = []
new File(warmFw, 'rootfs/staging').eachFileRecurse { if (it.name.startsWith('.')) stray << it }
assert stray.isEmpty() : "bookkeeping files in the staging tree: ${stray}"
println 'warm cache: ' + new File(warmFw, 'hashes.txt').readLines().size() + ' artifacts identical to the cold build'

// 2. The hypervisor board: kvmtool compiled again, both initramfs images packed again, the 16 MiB ROM.
def kvm = new File(e2e, 'e2e-qemu-x86-coreboot-kvm')
def kvmfw = new File(kvm, 'board/target/firmware')
def kvmcopy = b.copyBoard(kvm, new File(basedir, 'kvm'))
def kvmSecond = b.start(kvmcopy, ['-Dfirmware.build-rootfs.reuse=false', 'package'], 'kvm-second-build.log', other)
assert kvmSecond.waitFor() == 0 : 'the build in the second directory failed: see kvm-second-build.log'
def kvmLog = b.text('kvm-second-build.log')
assert kvmLog.contains('kvmtool-install: running') && kvmLog.contains('coreboot-build: running')
compare(kvmfw, kvmcopy, ['rootfs/staging/bin/lkvm', 'initramfs/guest/initramfs.cpio.gz', 'initramfs/initramfs.cpio.gz',
                         'coreboot/image/coreboot.rom'])
return true
