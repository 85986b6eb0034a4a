def log = new File(basedir, 'build.log').text
def expected = ['check-host', 'fetch-sources', 'build-toolchain', 'build-rootfs', 'build-kernel',
                'pack-initramfs', 'build-coreboot', 'build-ovmf', 'pad-pflash', 'sbom', 'legal-info', 'boot-test']
// First invocation: each goal runs, in the table's order, and says why it skips.
def first = log.substring(0, log.indexOf('BUILD SUCCESS'))
int last = -1
expected.each { goal ->
    def m = (first =~ /(firmware-maven-plugin|firmware):[^:]+:${goal} \(default-${goal}\)/)
    assert m.find() : "goal ${goal} did not run"
    assert m.start() > last : "goal ${goal} ran out of order"
    last = m.start()
    assert first.contains("Skipping ${goal}: ") : "goal ${goal} printed no skip line"
}
// Second invocation: every goal names firmware.skip.
def second = log.substring(log.indexOf('BUILD SUCCESS') + 1)
expected.each { goal ->
    assert second.contains("Skipping ${goal}: firmware.skip is set") : "goal ${goal} ignored firmware.skip"
}
return true
