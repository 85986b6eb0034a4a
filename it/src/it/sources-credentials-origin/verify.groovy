// Stops nginx, then reads its log of every request's Authorization and Proxy-Authorization header.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()

def ports = new Properties(); new File(basedir, 'ports.properties').withInputStream { ports.load(it) }
int origin = ports.origin as int, mirror = ports.mirror as int, other = ports.other as int
int proxy = ports.proxy as int, tls = ports.tls as int
def b64 = { String s -> 'Basic ' + s.bytes.encodeBase64().toString() }
def ALICE = b64('alice:origin-pw'), WRONG = b64('alice:wrong-pw'), CAROL = b64('carol:proxy-pw')

def log = ngx.requests
println "nginx saw:\n  " + log.join('\n  ')
def at = { int port, String path -> log.findAll { it.port == port && it.path == path } }

// The rule over every request: a server id's login only at its origin (the plain-http proxy carries the
// request to that origin, so it sees it on its way there), the proxy's login only at the proxy.
log.findAll { it.auth }.each {
    assert it.port == origin || it.port == proxy && it.host == "127.0.0.1:${origin}" : "login sent to ${it}"
}
log.findAll { it.pauth }.each { assert it.port == proxy : "proxy login sent to ${it}" }

// Run 1: the mirror (another port) got no login and said 401; the origin got it; the redirect target did not.
['a', 'b'].each { assert at(mirror, "/mirror/${it}-1.0.tar.gz").collect { [it.auth, it.status] } == [['', 401]] }
assert at(origin, '/private/a-1.0.tar.gz').collect { [it.auth, it.status] } == [[ALICE, 200]]
assert at(origin, '/moved/b-1.0.tar.gz').collect { [it.auth, it.status] } == [[ALICE, 302]]
assert at(other, '/b-1.0.tar.gz').collect { [it.auth, it.status] } == [['', 200]]

// Run 2: through the proxy, which gets its own login; the origin gets the origin's login and not the proxy's.
assert at(proxy, '/private/c-1.0.tar.gz').collect { [it.host, it.auth, it.pauth, it.status] } ==
        [["127.0.0.1:${origin}".toString(), ALICE, CAROL, 200]]
assert at(origin, '/private/c-1.0.tar.gz').collect { [it.auth, it.pauth, it.status] } == [[ALICE, '', 200]]

// Run 3: the wrong password reached the origin exactly once in the build.
assert log.findAll { it.auth == WRONG }.collect { [it.port, it.path, it.status] } ==
        [[origin, '/private/w1-1.0.tar.gz', 401]]
assert at(origin, '/private/w2-1.0.tar.gz').isEmpty()

// Run 4: the unknown server id failed before any request.
assert log.every { !it.path.contains('m-1.0') }

// Run 5: the encrypted password was decrypted and sent to the origin.
assert at(origin, '/private/e-1.0.tar.gz').collect { [it.auth, it.status] } == [[ALICE, 200]]
def got = []
new File(basedir, 'downloads/v1/sha256').eachFileRecurse { if (it.name == 'e-1.0.tar.gz') got << it }
assert got.size() == 1 : "e-1.0.tar.gz in the content-addressed cache: ${got}"

// Run 6: https itself works (s), and the redirect from https to http is not followed (t).
assert at(tls, '/s-1.0.tar.gz').collect { it.status } == [200]
assert at(tls, '/down/t-1.0.tar.gz').collect { it.status } == [302]
assert at(other, '/t-1.0.tar.gz').isEmpty()

def text = new File(basedir, 'build.log').text
['origin-pw', 'wrong-pw', 'proxy-pw', 'it-master-pw'].each { assert !text.contains(it) : "${it} in the build log" }
def refused = "Source 'w1': the server refused the credentials of server id 'origin' for " +
        "http://127.0.0.1:${origin}/private/w1-1.0.tar.gz (HTTP 401 Unauthorized for user 'alice' at"
assert text.contains(refused)
assert !text.contains("Source 'w2'") : 'the second source of the refused server id was not tried'
assert text =~ /No credentials for these server ids: the settings \([^)]*settings-origin\.xml[^)]*\) have no <servers><server> with that <id> and a <username>:\s+source 'm' <serverId>nosuch<\/serverId>/
assert text.contains("HTTP 302 redirect from https to plain http (http://127.0.0.1:${other}/t-1.0.tar.gz) refused")
return true
