// Splits build.log into the five invocations (each starts by scanning for projects).
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('BUILD ') }
assert runs.size() == 5 : "expected five invocations, found ${runs.size()}"

def refusal = "the board's main artifact (pflash-code.fd) was not built in this build: pad-pflash"
// 1: fresh board, everything skipped: refused in package, nothing installed.
assert runs[0].contains(refusal + " (firmware.skip is set) was skipped, so there is nothing current to install or deploy")
assert !runs[0].contains('Installing ') : 'a skipped build installed something'
// 2: built and installed as type rom.
def repo = new File(localRepositoryPath, 'org/example/it/skip-installs-nothing-stale/1.0')
def rom = new File(repo, 'skip-installs-nothing-stale-1.0.rom')
assert runs[1].contains('BUILD SUCCESS')
assert rom.isFile() && rom.length() == 1048576 : "main artifact: ${repo.list()}"
// 3: after a build, skipping the goal still refuses: the earlier image is not republished.
assert runs[2].contains(refusal + " (firmware.pad-pflash.skip is set) was skipped")
assert !runs[2].contains('Installing ')
// 4: package-level runs warn once and go on; boot-test names the property that skipped it.
assert runs[3].contains('BUILD SUCCESS')
assert runs[3].count(refusal) == 1 : 'the warning should print once per build'
assert runs[3].contains('install and deploy would refuse')
assert runs[3].contains('Skipping boot-test: skipTests is set')
// 5: former names, each with a warning naming its replacement.
assert runs[4].contains('-Dpflash.fill is deprecated and will be removed: use -Dfirmware.pad-pflash.fill')
assert runs[4].contains('-DskipBootTest is deprecated and will be removed: use -Dfirmware.boot-test.skip')
assert runs[4].contains('Skipping boot-test: skipBootTest is set')
def padded = new File(basedir, 'target/firmware/pflash/pflash-code.fd').bytes
assert padded.length == 1048576 && padded[-1] == (byte) 0xFF : 'the former property was not applied'
return true
