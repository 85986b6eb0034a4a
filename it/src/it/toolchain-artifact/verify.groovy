def log = new File(basedir, 'build.log').text
def p = new Properties()
new File(basedir, 'target/firmware/toolchains.properties').withReader('UTF-8') { p.load(it) }
assert p.getProperty('shared.triple') == 'x86_64-linux-gnu'
assert p.getProperty('shared.prefix') == 'x86_64-linux-gnu-'
def bin = p.getProperty('shared.binDir')
assert bin ==~ /.*\/build\/toolchain-archive\/v2-toolchain-unpack-[^\/]+-[0-9a-f]{64}\/tree\/bin/ : "binDir not in the cache: ${bin}"
assert new File(bin, 'x86_64-linux-gnu-gcc').canExecute()
assert log.contains("Toolchain 'shared': org.example.it:wrapped-toolchain:1.0:toolchain-x86_64-x86_64-linux-gnu unpacked in")
return true
