import java.util.concurrent.TimeUnit

// Every preset with words of its description: what it builds and how boot-test boots it.
def presets = [
        'empty'            : ~/nothing configured.*every goal skips/,
        'qemu-x86_64'      : ~/Linux \+ busybox\/kexec-tools initramfs for x86_64.*QEMU pc boots the kernel \(-kernel\)/,
        'qemu-aarch64-virt': ~/arm64 \(aarch64-linux-gnu-\).*QEMU virt boots the kernel \(-kernel\)/,
        'qemu-x86-coreboot': ~/coreboot ROM with that x86_64 Linux as payload.*QEMU pc boots the ROM \(-bios\)/,
        'qemu-x86-coreboot-kvm': ~/a hypervisor in the ROM.*KVM host that boots a guest with kvmtool; QEMU pc with SVM/,
        'qemu-x86-uefi'    : ~/OVMF \(edk2 X64\).*QEMU q35 runs OVMF from pflash, which boots Linux/,
        'qemu-aarch64-uefi': ~/ArmVirtQemu \(edk2 AARCH64\).*QEMU virt runs it from pflash, which boots Linux/,
]
def log = new File(basedir, 'build.log').text

// 1. The preset generated in batch mode: headings survive the template engine, and the board has a
// .gitignore and the patches directory fetch-sources reads (firmware.fetch-sources.patchesDirectory's default).
def board = new File(basedir, 'coreboot-board')
def readme = new File(board, 'README.md').text
['What it builds', 'Build and boot', 'Change it'].each { h ->
    assert readme.contains("\n## ${h}\n") : "heading '## ${h}' lost:\n${readme}"
}
assert !readme.contains('$h2') && !readme.contains('#set') : readme
assert new File(board, '.gitignore').readLines().contains('target/')
assert new File(board, 'src/firmware/patches/README.md').text.contains('<source>/<version>/NNNN-description.patch')
assert !new File(board, 'pom.xml').text.contains('GENERATED-NONCE')

// 2. The mistyped board in batch mode: refused with every preset and its description, and nothing of it
// is left, not even in the holder's modules.
assert log.contains("Unknown board 'qemu-x86-64'. The presets (-Dboard=NAME): what each builds; how boot-test boots it:")
presets.each { name, what ->
    def line = log.readLines().find { it ==~ /^(\[ERROR\])?\s+${java.util.regex.Pattern.quote(name)}\s{2,}\S.*/ }
    assert line != null && line =~ what : "preset ${name} not listed with its description in the refusal:\n${log}"
}
assert log.contains('Nothing was generated.')
assert !new File(basedir, 'typo-board').exists() : new File(basedir, 'typo-board').list()
def holder = new File(basedir, 'pom.xml').text
assert holder.contains('<module>coreboot-board</module>') && !holder.contains('typo-board') : holder

// 3. Interactive mode asks for the board, showing the presets with their descriptions, asks again after
// a wrong answer, and generates the one chosen.
def version = (new File(board, 'pom.xml').text =~ /<firmware.plugin.version>([^<]+)</)[0][1]
def archetypePlugin = (log =~ /maven-archetype-plugin:([0-9][^:]*):generate/)[0][1]
def settings = evaluate(new File(itLib, 'fixtures.groovy')).outerSettings(basedir)
def interactive = new File(basedir, 'interactive')
interactive.mkdirs()
def transcript = new File(basedir, 'interactive.log')
def p = new ProcessBuilder(new File(System.getProperty('maven.home'), 'bin/mvn').path, '-ntp', '-s', settings.path,
        "-Dmaven.repo.local=${localRepositoryPath}", "org.apache.maven.plugins:maven-archetype-plugin:${archetypePlugin}:generate",
        '-DarchetypeGroupId=io.github.firmwaremaven', '-DarchetypeArtifactId=firmware-archetype',
        "-DarchetypeVersion=${version}", '-DgroupId=org.example.boards', '-DartifactId=arm-board', '-Dversion=1.0',
        '-Dpackage=org.example.boards', "-DpluginVersion=${version}")
        .directory(interactive).redirectErrorStream(true).redirectOutput(transcript).start()
p.outputStream.withWriter { it << 'qemu-x86-64\nqemu-aarch64-virt\nY\n' }
assert p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0 : transcript.text
def asked = transcript.text
int question = asked.indexOf("Define value for property 'board'")
assert question >= 0 : asked
presets.each { name, what ->
    def line = asked.readLines().find { it ==~ /^\s*(\(\?x\))?\s*\|?\s*${java.util.regex.Pattern.quote(name)}\s+#.*/ }
    assert line != null && line =~ what : "preset ${name} not shown with its description in the question:\n${asked}"
}
assert asked.indexOf('Value does not match the expression, please try again') > question : asked
assert asked =~ /board: qemu-aarch64-virt/ : 'the confirmation does not show the chosen board'
def arm = new File(interactive, 'arm-board/pom.xml').text
assert arm.contains('<prefix>aarch64-linux-gnu-</prefix>') && arm.contains('(board: qemu-aarch64-virt)') : arm

// 4. The documentation lists every preset the archetype offers (README, the site's index, the how-to).
def repo = new File(itLib).canonicalFile.parentFile.parentFile.parentFile  // it/src/it-lib -> the repository
['README.md', 'src-site/markdown/index.md', 'src-site/markdown/howto-new-board.md'].each { doc ->
    def text = new File(repo, doc).text
    presets.keySet().each { name -> assert text.contains("`${name}`") : "${doc} does not list the preset ${name}" }
}
return true
