def log = new File(basedir, 'build.log').text
def file = new File(basedir, 'target/firmware/toolchains.properties')
assert file.isFile() : 'build-toolchain wrote no registry'
def p = new Properties()
file.withReader('UTF-8') { p.load(it) }
assert p.getProperty('host.triple') == 'x86_64-linux-gnu'
assert p.getProperty('host.prefix') == ''
assert p.getProperty('aarch64.triple') == 'aarch64-linux-gnu'
assert p.getProperty('aarch64.prefix') == 'aarch64-linux-gnu-'
assert p.getProperty('i686.triple') == 'i686-linux-gnu'
assert p.getProperty('i686.prefix') == 'i686-linux-gnu-'
['host', 'aarch64', 'i686'].each { n ->
    assert p.getProperty(n + '.identity') ==~ /[0-9a-f]{64}/ : "no identity digest for ${n}"
}
assert p.getProperty('host.identity') != p.getProperty('aarch64.identity')
// The host compiler links a static test program; the others at least link.
assert log.contains("Toolchain 'host': ") && log.contains('links statically')
assert log.contains('Resolved 3 toolchain(s)')
return true
