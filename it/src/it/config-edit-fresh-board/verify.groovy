def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('BUILD ') }
assert runs.size() == 2 : "expected two invocations, found ${runs.size()}"

// 1: refused at once, by check-host (validate), with the way out; nothing fetched.
assert runs[0].contains('BUILD FAILURE')
assert runs[0].contains('firmware:menuconfig opens make menuconfig\'s full-screen interface and needs an interactive terminal: run it without -B')
assert runs[0] =~ /Failed to execute goal [^ ]+:check-host/ : 'the refusal should come from the first goal'
assert !runs[0].contains('fetch-sources (default-fetch-sources)') : 'menuconfig without a terminal fetched sources'

// 2: a fresh board: the fork fetched and configured busybox, compiled nothing, changed nothing.
def fw = new File(basedir, 'target/firmware')
assert runs[1].contains('BUILD SUCCESS')
assert runs[1].contains('No changes for ')
def steps = new groovy.json.JsonSlurper().parse(new File(fw, 'steps.json')).steps*.id
assert steps.contains('busybox-config') : "no configuration step ran: ${steps}"
assert !steps.contains('busybox-install') : "update-config built busybox: ${steps}"
def configs = []
fw.eachFileRecurse { if (it.name == '.config' && it.path.contains('busybox')) configs << it }
assert configs.size() == 1 : "busybox .config: ${configs}"
assert configs[0].text.contains('CONFIG_FEATURE_EDITING=y')
assert configs[0].text.contains('CONFIG_STATIC=y')
def built = []
fw.eachFileRecurse { if (it.name == 'busybox' && it.isFile()) built << it }
assert built.isEmpty() : "busybox was compiled: ${built}"
return true
