def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
ngx.stop()
def requests = ngx.paths
def log = new File(basedir, 'build.log').text
assert log.contains("Source 'tool': cannot tell how to extract 'tool-1.0.rar' (from <url>): the archive types are "
        + ".tar.gz (.tgz), .tar.xz (.txz), .tar.bz2 (.tbz2), .tar.zst (.tzst), .tar or .zip. Give a <fileName> with one "
        + "of those endings if the server's name hides the type, or declare <kind>file</kind> to place the file "
        + "without extracting it. Nothing was downloaded.")
assert requests.isEmpty() : "requests made: ${requests}"
assert !log.contains('Downloaded ')
assert !new File(basedir, 'downloads').exists() || new File(basedir, 'downloads').list().length == 0
return true
