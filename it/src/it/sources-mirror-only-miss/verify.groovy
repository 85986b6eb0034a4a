System.properties.get("it.${basedir.name}.server")?.stop(0)
def requests = System.properties.get("it.${basedir.name}.requests")
assert requests == ['/mirror/hello-1.0.tar.gz'] : "upstream must not be asked: ${requests}"
assert new File(basedir, 'build.log').text.contains('HTTP 404')
return true
