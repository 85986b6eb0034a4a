// A published toolchain archive in miniature: a driver wrapping the host gcc, with our metadata.
def tc = new File(basedir, 'target/tc')
new File(tc, 'bin').mkdirs()
def gcc = new File(tc, 'bin/x86_64-linux-gnu-gcc')
gcc.text = '#!/bin/sh\nexec gcc "$@"\n'
gcc.setExecutable(true, false)
new File(tc, 'firmware-toolchain.properties').text = 'host=x86_64\nprefix=x86_64-linux-gnu-\ntriple=x86_64-linux-gnu\n'
def archive = new File(basedir, 'target/tc.tar.xz')
def p = ['tar', '--sort=name', '--owner=0', '--group=0', '--mtime=@0', '-cJf', archive.path, '-C', tc.path, '.'].execute()
p.waitForProcessOutput(System.out, System.err)
assert p.exitValue() == 0
return true
