// Maven's own settings decide the form of the plugin's progress, the same on every Maven the IT runs on
// (mavenHome: a script variable of each invoker execution in it/pom.xml).
import java.util.concurrent.TimeUnit

def ngx = evaluate(new File(itLib, 'nginx.groovy')).running(basedir)
try {
    def log = new File(basedir, 'build.log').text
    // 1. Batch mode (-B, no terminal): one line at 10 s for a 13 s download, with its bytes; none for the
    //    steps, which take less than 10 s; then the initramfs is packed from the overlay.
    def heartbeats = log.readLines().findAll { it.contains('Downloading payload-1.0.tar.gz') }
    assert heartbeats.size() == 1 : heartbeats
    assert heartbeats[0] ==~ /\[INFO\] Downloading payload-1\.0\.tar\.gz \((9|10|11) s\): [23] MiB of 3 MiB/ : heartbeats
    assert !log.contains('\r') : 'no updating line in batch mode'
    assert !(log =~ /\[INFO\] source-payload \(\d+ s\)/) : 'a step shorter than 10 s shows no heartbeat'
    def slow = ngx.requests.find { it.uri == '/slow/payload-1.0.tar.gz' }
    assert slow && slow.status == 200 : ngx.requests
    def cpio = new File(basedir, 'target/firmware/initramfs/initramfs.cpio.gz')
    assert cpio.isFile() : 'pack-initramfs packed the overlay'
    def listing = ['sh', '-c', "gzip -dc '${cpio}' | cpio -it"].execute()
    def names = listing.text
    assert listing.waitFor() == 0 && names.readLines().contains('init') : names

    // 2. and 3. The same board in a terminal (script(1) gives the build a pseudo-terminal): an updating
    //    line for the 3 s download; with -q nothing, not even in a terminal.
    // An execution without the variable (only when -Dinvoker.test picks this IT for it) runs the outer Maven.
    def home = binding.hasVariable('mavenHome') ? mavenHome as String : System.getProperty('maven.home')
    def mvn = new File(home, 'bin/mvn').path
    // The plugin comes from the ITs' repository, everything else from the outer build's (no network).
    def settings = evaluate(new File(itLib, 'fixtures.groovy')).outerSettings(basedir)
    def inTerminal = { String name, List<String> extra ->
        def args = ([mvn, '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}", '-Dlink=fast',
                     "-Dfirmware.downloadCache=${new File(basedir, 'downloads-' + name)}", 'generate-sources'] + extra)
                .collect { "'" + it.toString().replace("'", "'\\''") + "'" }.join(' ')
        def typescript = new File(basedir, "${name}.typescript")
        def pb = new ProcessBuilder('script', '-qefc', args, typescript.path).directory(basedir)
                .redirectErrorStream(true).redirectOutput(new File(basedir, "${name}.out"))
        // A developer's terminal, not CI's: Maven 4 turns a build with CI set non-interactive.
        pb.environment().remove('CI')
        def p = pb.start()
        assert p.waitFor(240, TimeUnit.SECONDS) : "${name} build still running"
        assert p.exitValue() == 0 : typescript.text
        // Maven colours its log on a terminal: the escapes go, the carriage returns stay.
        typescript.getText('UTF-8').replaceAll(/\u001B\[[0-9;?]*[A-Za-z]/, '')
    }
    def tty = inTerminal('terminal', [])
    assert tty =~ /\rDownloading payload-1\.0\.tar\.gz \(1 s\): [0-9] MiB of 3 MiB/ : tty
    assert tty =~ /\rDownloading payload-1\.0\.tar\.gz \(2 s\): [0-9] MiB of 3 MiB/ : tty
    assert !(tty =~ /\[INFO\] Downloading payload/) : 'no log lines for the download in a terminal'
    // On the terminal while the download runs, not collected by Maven (4 logs a plugin's System.out as
    // [stdout] lines once they end) and shown after it.
    assert !tty.contains('[stdout]') : tty
    assert tty.indexOf('\rDownloading payload-1.0.tar.gz (1 s)') < tty.indexOf('Downloaded payload-1.0.tar.gz') : tty
    def quiet = inTerminal('quiet', ['-q'])
    assert !quiet.contains('Downloading payload') : quiet
    assert !quiet.contains('\r') : quiet
    def fast = ngx.requests.findAll { it.uri == '/fast/payload-1.0.tar.gz' && it.status == 200 }
    assert fast.size() == 2 : ngx.requests
} finally {
    ngx.stop()
}
return true
