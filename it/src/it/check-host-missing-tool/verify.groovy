def log = new File(basedir, 'build.log').text
assert log.contains('This host lacks 1 tool(s) the board needs') : 'one missing tool expected'
assert log.contains('command fw-it-no-such-tool (Debian package fw-it-package)')
assert log.contains('Install them with: sudo apt-get install -y fw-it-package')
// Tools the host has are not listed.
assert !log.contains('command sh (')
assert !log.contains('command make (')
// Nothing after validate ran.
assert !log.contains(':fetch-sources (default-fetch-sources)')
return true
