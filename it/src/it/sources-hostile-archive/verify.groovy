def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def log = new File(basedir, 'build.log').text
assert log.contains("entry 'evil-1.0/../../../escaped.txt'")
def escaped = []
basedir.parentFile.parentFile.eachFileRecurse { if (it.name == 'escaped.txt') escaped << it }
assert escaped.isEmpty() : escaped
def trees = new File(basedir, 'cache/build/sources').listFiles().findAll { it.isDirectory() }
assert trees.isEmpty() : "no tree left: ${trees}"
return true
