// Fixtures the source ITs share, loaded like nginx.groovy:
//     def fx = evaluate(new File(itLib, 'fixtures.groovy'))
//     fx.helloServed(basedir)                      // work/hello-1.0 packed as work/served/up/hello-1.0.tar.gz
//     fx.goals(basedir, localRepositoryPath, 'first-build.log', ['fetch-sources'])   // a build of its own
//     fx.goals(basedir, localRepositoryPath, 'again.log', ['fetch-sources'], boardDir, ['-o'])   // offline
//     fx.outerSettings(basedir)                    // settings for a Maven process of the IT's own
import java.util.concurrent.TimeUnit

class Fixtures {
    /** A one-file C source tree, packed with tar into work/served/up (what nginx.groovy serves). */
    static File helloServed(File basedir) {
        def work = new File(basedir, 'work')
        new File(work, 'hello-1.0').mkdirs()
        new File(work, 'hello-1.0/hello.c').text = 'int main(void) {\n    return 0;\n}\n'
        new File(work, 'served/up').mkdirs()
        def p = new ProcessBuilder('tar', 'czf', 'served/up/hello-1.0.tar.gz', 'hello-1.0').directory(work)
                .redirectErrorStream(true).start()
        def out = p.text
        assert p.waitFor() == 0 : out
        new File(work, 'served/up/hello-1.0.tar.gz')
    }

    /**
     * Runs the plugin's goals on the board in {@code dir} (default: the IT's own) in a Maven process
     * of its own, through the outer repository (the invoker's settings are not used), with the Maven
     * {@code options} given (such as -o), and asserts that it succeeds; the log goes to basedir/logName.
     */
    static void goals(File basedir, Object localRepositoryPath, String logName, List<String> goals,
            File dir = basedir, List<String> options = []) {
        def settings = outerSettings(basedir)
        def version = (new File(dir, 'pom.xml').text =~ /<artifactId>firmware-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
        def cmd = [new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-s', settings.path,
                   "-Dmaven.repo.local=${localRepositoryPath}".toString()] + options
        cmd += goals.collect { "io.github.firmwaremaven:firmware-maven-plugin:${version}:${it}".toString() }
        def p = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true)
                .redirectOutput(new File(basedir, logName)).start()
        assert p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0 : new File(basedir, logName).text
    }

    /**
     * Settings (basedir/first-settings.xml) that resolve everything from the outer build's repository,
     * for a Maven process an IT starts itself: the invoker's settings are not passed on to it.
     */
    static File outerSettings(File basedir) {
        def outerRepo = new File(System.getProperty('maven.repo.local') ?: "${System.getProperty('user.home')}/.m2/repository")
        def settings = new File(basedir, 'first-settings.xml')
        settings.text = """<settings><mirrors><mirror><id>outer</id><mirrorOf>*</mirrorOf>
<url>${outerRepo.toURI()}</url></mirror></mirrors></settings>"""
        settings
    }
}
return Fixtures
