evaluate(new File(itLib, 'fixtures.groovy')).helloServed(basedir)
def work = new File(basedir, "work")
def tar = { String dir, String out -> def p = new ProcessBuilder("tar", "czf", out, dir).directory(work).start(); assert p.waitFor() == 0 }

new File(work, "hello-2.0").mkdirs()
new File(work, "hello-2.0/hello.c").text = "version 2\n"
tar("hello-2.0", "served/up/hello-2.0.tar.gz")
new File(basedir, "overrides.properties").text = """# as written by the mirror script: re-pin hello to 2.0
hello.version=2.0
hello.url=http://127.0.0.1:@PORT@/up/hello-2.0.tar.gz
hello.fileName=hello-2.0.tar.gz
hello.sha256=@SHA:up/hello-2.0.tar.gz@
"""
// Debian's nginx serves work/served/** on 127.0.0.1 (it/src/it-lib/nginx.groovy) and fills @PORT@ / @SHA:name@.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir)
ngx.fill()
return true
