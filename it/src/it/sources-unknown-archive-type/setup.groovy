// A good tar first in the list and a .rar second: neither may be downloaded.
def work = new File(basedir, 'work'); new File(work, 'served/up').mkdirs()
def tar = ['tar', '-cf', new File(work, 'served/up/good-1.0.tar').path, '-C', basedir.path, 'pom.xml'].execute()
tar.waitForProcessOutput(System.out, System.err)
assert tar.exitValue() == 0
new File(work, 'served/up/tool-1.0.rar').bytes = 'Rar!\u001a\u0007\u0000'.getBytes('ISO-8859-1')
// Debian's nginx serves work/served/** on 127.0.0.1 (it/src/it-lib/nginx.groovy) and fills @PORT@ / @SHA:name@.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir)
ngx.fill()
return true
