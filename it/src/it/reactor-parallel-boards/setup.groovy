evaluate(new File(itLib, 'fixtures.groovy')).helloServed(basedir)
// Debian's nginx serves work/served/** on 127.0.0.1 (it/src/it-lib/nginx.groovy) and fills @PORT@ / @SHA:name@.
evaluate(new File(itLib, 'nginx.groovy')).start(basedir).fill()
return true
