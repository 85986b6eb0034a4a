def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def requests = ngx.requests.collect { it.line }
assert requests == [] : "a bad spec reached the network: ${requests}"
def port = new File(basedir, 'port.txt').text.trim()
def log = new File(basedir, 'build.log').text
def expected = [
    "Source 'hello': <url> 'http://127.0.0.1:${port}/my hello-1.0.tar.gz' contains a space at index ${"http://127.0.0.1:${port}/my".length()}; write it percent-encoded (a space is %20)",
    "Source 'hello': <urls><url> 'http://[::1:${port}/hello-1.0.tar.gz' is not a valid URL (",
    "an IPv6 address goes in one pair of brackets, e.g. http://[::1]:8080/file.tar.gz",
    "Source 'hello': <url> 'http:///hello-1.0.tar.gz' has no host name (or an unreadable host or port); write it as http://HOST[:PORT]/path",
    "Source 'hello': <version>a/../b</version> must be a plain label without '/', '\\', '..' or spaces (it names the patch directory <patches>/<source>/<version>)",
    "overrides.properties: key 'hello.url' (source 'hello'): 'http:///hello-2.0.tar.gz' has no host name",
    "Mirror -Dfirmware.fetch-sources.primaryMirror=http://[::1/mirror is not a valid URL (",
]
expected.each { assert log.contains(it.toString()) : "missing message: ${it}" }
assert !log.contains('IllegalArgumentException') && !log.contains('URISyntaxException') : 'a bare Java exception reached the user'
assert log.count('BUILD FAILURE') == 6
assert !new File(basedir, 'downloads').exists() || new File(basedir, 'downloads').list().findAll { it != '.locks' }.isEmpty()
return true
