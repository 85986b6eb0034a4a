// Three invocations in one build.log: the lifecycle build (verify), a goal named alone, firmware:help.
def runs = new File(basedir, 'build.log').text.split(/(?=\[INFO\] Scanning for projects\.\.\.)/).findAll { it.contains('Scanning for projects') }
assert runs.size() == 3 : "expected three invocations, found ${runs.size()}"
def log = runs[0]
def pom = new File(basedir, 'pom.xml').readLines()
// The line of the first pom line holding text, as the messages must name it.
def line = { String text ->
    int i = pom.findIndexOf { it.contains(text) }
    assert i >= 0 : "pom.xml has no ${text}"
    "pom.xml line ${i + 1}"
}
def expect = { String message ->
    assert log.contains(message) : "missing from the build log: ${message}"
}

expect('The board\'s configuration has 8 problem(s):')
expect("<kernal> (${line('<kernal>')}): unknown element (did you mean <kernel>?); valid: ")
// Maven's read-only parameters are not for the pom.
assert !log.contains('<mojoExecution>')
// The valid top-level elements are every goal's parameters.
assert log =~ /<kernal> [^\n]*valid: [^\n]*<bootTest>, [^\n]*<compression>, [^\n]*<kernel>, /
expect("<kernel><defconfg> (${line('<defconfg>')}): unknown element (did you mean <defconfig>?); valid: "
        + '<artifact>, <configFile>, <defconfig>, <fragments>, <imageTarget>, <makeVariables>, <name>, <source>, <toolchain>')
expect("<kernel><fragments><fragment> (${line('missing.config')}): file src/main/kernel/missing.config does not exist")
expect("<coreboot><payload> (${line('<payload>')}): 'linuxboot' is not a valid value; valid: linux, elf, none")
expect("<compression> (${line('<compression>')}): 'bzip9' is not a valid value; valid: none, gzip, xz, zstd, lz4")
expect("<bootTest><directKernel> (${line('<directKernel>')}): 'yes' is not a boolean; valid: true, false")
expect("<project.build.outputTimestamp> (-Dproject.build.outputTimestamp on the command line): 'yesterday' is "
        + 'neither seconds since 1970 nor an ISO-8601 time; valid: e.g. 2026-01-01T00:00:00Z or 1767225600')
expect("<verify> (-Dfirmware.verify on the command line): 'quick' is not a valid value; valid: cheap, full")
expect('Correct them in the pom (or on the command line) and run again; nothing was downloaded or built.')
// The fragment that exists is not reported.
assert !log.contains('board.config does not exist')

// It failed in check-host (validate), before any other goal and any download.
// (Maven 3.9 names every execution in its warnings about <kernal>, so look for the one that ran.)
assert !(log =~ /--- [^\n]*:fetch-sources \(default-fetch-sources\)/) : 'fetch-sources ran'
assert log =~ /--- [^\n]*:check-host \(default-check-host\)/
assert !log.contains('127.0.0.1:9') : 'something tried the download'
assert !new File(basedir, 'target/firmware/sources.properties').exists()
// Maven's own injection never saw the mistyped element: the check reported it first.
assert !log.contains("Cannot find 'defconfg'")

// mvn firmware:build-kernel: the same report, from the lifecycle participant, before Maven configures
// the goal (which would fail first, naming no line), and nothing ran.
def goalAlone = runs[1]
assert goalAlone.contains("<kernel><defconfg> (${line('<defconfg>')}): unknown element (did you mean <defconfig>?)")
assert goalAlone.contains("<kernal> (${line('<kernal>')}): unknown element (did you mean <kernel>?)")
assert goalAlone.contains('Correct them in the pom (or on the command line) and run again; nothing was downloaded or built.')
assert !goalAlone.contains("Cannot find 'defconfg'")
assert !(goalAlone =~ /--- [^\n]*:build-kernel /) : 'build-kernel ran'
// firmware:help is given no board element, so the broken board does not stop it.
assert runs[2].contains('BUILD SUCCESS') && !runs[2].contains('problem(s)')
return true
