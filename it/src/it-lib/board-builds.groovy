// Further Maven builds of a generated e2e board, run by a verify script itself (a kill, another
// directory, another environment). Loaded as
//     def b = evaluate(new File(itLib, 'board-builds.groovy')).with(basedir, localRepositoryPath, firmwareCacheDir, sourceOverrides)
//     def p = b.start(boardDir, ['verify'], 'build.log', [umask: '077', TZ: 'Pacific/Chatham'])
import java.security.MessageDigest

class BoardBuilds {
    final File basedir
    final List<String> common

    static BoardBuilds with(File basedir, Object localRepositoryPath, Object cacheDir, Object overrides) {
        // Not offline: outside the invoker's settings Maven would refuse, offline, the artifacts the
        // ITs' own repository definition brought in; online it only fills what is missing.
        new BoardBuilds(basedir, [new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath, '-B', '-ntp',
                '-Dmaven.repo.local=' + localRepositoryPath, '-Dfirmware.cacheDir=' + cacheDir,
                '-Dfirmware.fetch-sources.sourceOverrides=' + overrides])
    }

    private BoardBuilds(File basedir, List<String> common) {
        this.basedir = basedir
        this.common = common
    }

    /** Starts mvn with args in dir, its output in basedir/logName; env may set umask and variables. */
    Process start(File dir, List<String> args, String logName, Map<String, String> env = [:]) {
        def pb = new ProcessBuilder(['sh', '-c', (env.umask ? 'umask ' + env.umask + ' && ' : '') + 'exec "$0" "$@"']
                + common + args).directory(dir).redirectErrorStream(true).redirectOutput(new File(basedir, logName))
        env.findAll { it.key != 'umask' }.each { k, v -> pb.environment().put(k, v) }
        pb.environment().remove('MAVEN_OPTS')
        pb.start()
    }

    /**
     * Starts mvn with args in dir and kills it with SIGKILL (no shutdown hook runs) once the step's log
     * has count lines starting with CC: a build stopped in the middle of its make.
     */
    void killInsideMake(File dir, List<String> args, String logName, File stepLog, int count) {
        def p = start(dir, args, logName)
        long deadline = System.currentTimeMillis() + 30 * 60 * 1000
        while (!(stepLog.isFile() && stepLog.readLines().count { it.trim().startsWith('CC') } >= count)) {
            assert p.isAlive() : "the build ended before the make of ${stepLog.name} was under way: see ${logName}"
            assert System.currentTimeMillis() < deadline : "the make of ${stepLog.name} never got going"
            Thread.sleep(100)
        }
        p.destroyForcibly()
        p.waitFor()
    }

    String text(String logName) {
        new File(basedir, logName).text
    }

    /** A command that must succeed, its output on the IT's own. */
    static void run(List<String> cmd, File dir) {
        def p = new ProcessBuilder(cmd).directory(dir).inheritIO().start()
        assert p.waitFor() == 0 : cmd
    }

    static String sha(File f) {
        MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString()
    }

    /**
     * A fresh copy of the generated board (its pom and src, and the holder pom archetype:generate made
     * its parent) in target/board; rm -rf, never Groovy's deleteDir: a build area holds kbuild's
     * obj/source symlink to the shared source tree, and deleteDir follows links into it.
     */
    static File copyBoard(File holder, File target) {
        target.parentFile.mkdirs()
        run(['rm', '-rf', target.absolutePath], target.parentFile)
        def board = new File(target, 'board')
        board.mkdirs()
        run(['cp', '-r', 'pom.xml', 'src', board.absolutePath], new File(holder, 'board'))
        run(['cp', new File(holder, 'pom.xml').absolutePath, target.absolutePath], holder)
        board
    }

    /** No process whose command line holds what (a pattern) followed by dir's path. */
    static boolean noProcessesOf(File dir, String what = '') {
        ['pgrep', '-f', what + dir.absolutePath].execute().text.trim().isEmpty()
    }
}
return BoardBuilds
