// The build cache's promise, counted from what every e2e board's last build recorded in steps.json:
// each kernel is built once per run (one per architecture), every other board restores it, and so does
// every further role (the hypervisor board's guest kernel: kernel-guest-build) configured as the host.
import groovy.json.JsonSlurper

def e2e = basedir.parentFile
def reports = []
e2e.eachFileRecurse(groovy.io.FileType.FILES) { f ->
    if (f.name == 'steps.json' && f.parentFile.name == 'firmware' && f.parentFile.parentFile.name == 'target') {
        reports << f
    }
}
assert reports.size() >= 5 : "expected the e2e boards' steps.json files under ${e2e}, found ${reports}"

def built = [:].withDefault { [] }
def restored = []
reports.each { f ->
    def board = e2e.toPath().relativize(f.parentFile.parentFile.parentFile.toPath()).toString()
    new JsonSlurper().parse(f).steps.findAll { it.id ==~ /kernel(-[a-z0-9-]+)?-build/ }.each { s ->
        println "${s.id} in ${board}: ${s.outcome}, ${s.origin}, ${s.fingerprint.take(12)}"
        if (s.origin == 'built') {
            built[s.fingerprint] << board
        } else {
            assert s.origin == 'restored' : "${board}: ${s.id} of unknown origin: ${s}"
            restored << "${board}:${s.id}"
        }
    }
}
built.each { fp, boards -> assert boards.size() == 1 : "kernel ${fp} was built ${boards.size()} times: ${boards}" }
assert built.size() == 2 : "expected one kernel per architecture (x86_64 and arm64), built: ${built}"
assert restored.any { it.endsWith(':kernel-guest-build') } : "the hypervisor board's guest kernel was not restored: ${restored}"
assert restored.size() >= 5 : "expected the other boards to restore their kernel, restored: ${restored}"
println "kernels built in this run: ${built.size()} (${built.values().flatten().join(', ')}); restored by ${restored.size()}"
return true
