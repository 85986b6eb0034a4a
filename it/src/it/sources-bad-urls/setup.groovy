// Debian's nginx (it/src/it-lib/nginx.groovy) for the good URLs, with nothing to serve: its access log shows
// that none of the runs reached it.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir)
new File(basedir, 'overrides.properties').text = "hello.url = http:///hello-2.0.tar.gz\nhello.sha256 = ${'b' * 64}\n"
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@PORT@', "${ngx.port}").replace('@SHA@', 'a' * 64)
new File(basedir, 'port.txt').text = "${ngx.port}"
return true
