// Deploy and reuse: the producer deploys to a file: repository and to an HTTP repository served
// here on 127.0.0.1; a consumer project with an empty local repository and no cross compiler on
// PATH resolves the producer's toolchain archive and kernel from them, builds busybox with that
// toolchain and boots it on that kernel.
import com.sun.net.httpserver.HttpServer
import java.nio.file.Files
import java.security.MessageDigest
import java.util.concurrent.Executors

def producer = new File(basedir, 'producer')
def classifier = 'toolchain-x86_64-aarch64-linux-gnu'
def sha = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
def pluginVersion = (new File(producer, 'pom.xml').text =~ /<firmware.plugin.version>([^<]+)</)[0][1]

// The producer built a relocatable copy of Debian's aarch64-linux-gnu cross compiler and packed it.
def packed = new File(producer, "target/firmware/toolchains/${classifier}.tar.xz")
assert packed.length() > 10_000_000 : "no toolchain archive at ${packed}"
// The copy lives in the build cache under the compiler's identity (made by this or an earlier build).
def copies = new File(firmwareCacheDir, 'build/toolchain-copy').listFiles()?.findAll { !it.name.contains('.') }
assert copies && copies.any { new File(it, 'tree/bin/aarch64-linux-gnu-gcc').canExecute() } : 'no relocatable copy'
// The build-time kernel and toolchain were not installed where the consumer could find them (the
// deploys leave only maven-metadata-<repository id>.xml there, which no other repository reads).
def installedInItsRepository = {
    def dir = new File(localRepositoryPath, 'org/example/shared/producer/1.0')
    dir.listFiles()?.any { it.name.startsWith('producer-1.0') } ?: false
}
assert !installedInItsRepository()

// An HTTP repository in the Maven 2 layout: PUT stores, GET and HEAD serve.
def served = new File(basedir, 'http-repo').canonicalFile
served.mkdirs()
def requests = Collections.synchronizedList([])
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/repo/') { ex ->
    try {
        def rel = ex.requestURI.path.substring('/repo/'.length())
        def f = new File(served, rel).canonicalFile
        requests << "${ex.requestMethod} ${rel}".toString()
        if (!f.path.startsWith(served.path + File.separator)) {
            ex.sendResponseHeaders(403, -1)
        } else if (ex.requestMethod == 'PUT') {
            f.parentFile.mkdirs()
            f.withOutputStream { it << ex.requestBody }
            ex.sendResponseHeaders(201, -1)
        } else if (ex.requestMethod in ['GET', 'HEAD']) {
            if (!f.isFile()) {
                ex.sendResponseHeaders(404, -1)
            } else if (ex.requestMethod == 'HEAD') {
                ex.responseHeaders.add('Content-Length', "${f.length()}")
                ex.sendResponseHeaders(200, -1)
            } else {
                ex.sendResponseHeaders(200, f.length())
                f.withInputStream { ex.responseBody << it }
            }
        } else {
            ex.sendResponseHeaders(405, -1)
        }
    } finally {
        ex.close()
    }
}
server.executor = Executors.newFixedThreadPool(4)
server.start()
def httpRepo = "http://127.0.0.1:${server.address.port}/repo"
def fileRepoDir = new File(basedir, 'file-repo')

def run = { File dir, String logName, Map env, List args ->
    def pb = new ProcessBuilder([mvn, '-B', '-ntp'] + args).directory(dir).redirectErrorStream(true)
            .redirectOutput(new File(basedir, logName))
    pb.environment().remove('MAVEN_OPTS')
    env.each { k, v -> pb.environment().put(k, v) }
    return pb.start().waitFor()
}
def firmwareArgs = ['-Dfirmware.cacheDir=' + firmwareCacheDir, '-Dfirmware.fetch-sources.sourceOverrides=' + sourceOverrides]
try {
    // 1. mvn deploy, once to each repository. Online: outside the invoker's settings Maven would refuse,
    // offline, artifacts the ITs' repository definition brought in.
    ['file': fileRepoDir.toURI().toString(), 'http': httpRepo].each { kind, url ->
        int rc = run(producer, "deploy-${kind}.log", [:], ['-Dmaven.repo.local=' + localRepositoryPath] + firmwareArgs
                + ['-Dfirmware.boot-test.skip', '-Dfirmware.toolchain.publish=true', "-DaltDeploymentRepository=shared-${kind}::${url}".toString(),
                   // Not installed: the consumer reaches the ITs' repository too, and must get these from the shared one.
                   '-Dmaven.install.skip=true', 'deploy'])
        assert rc == 0 : "deploy to the ${kind} repository failed: see deploy-${kind}.log"
    }
    assert !installedInItsRepository() : 'the deploy installed into the ITs\' repository'
    def coordinates = 'org/example/shared/producer/1.0/'
    [fileRepoDir, served].each { repo ->
        def archive = new File(repo, coordinates + "producer-1.0-${classifier}.tar.xz")
        assert archive.isFile() && sha(archive) == sha(packed) : "toolchain archive missing or different in ${repo}"
        def kernel = new File(repo, coordinates + 'producer-1.0.bin')
        assert sha(kernel) == sha(new File(producer, 'target/firmware/kernel/image/Image')) : "kernel missing in ${repo}"
        ['initramfs.cpio.gz', 'hashes.txt', 'kernel-config.config'].each { suffix ->
            assert new File(repo, coordinates + "producer-1.0-${suffix}").isFile() : "no ${suffix} in ${repo}"
        }
        assert new File(repo, coordinates + "producer-1.0-${classifier}.tar.xz.sha1").isFile()
    }
    assert requests.any { it.startsWith('PUT ' + coordinates + "producer-1.0-${classifier}.tar.xz") }

    // 2. The consumer: this pom, the producer's busybox config, initramfs list and /init.
    def consumer = new File(basedir, 'consumer')
    ['rm', '-rf', consumer.path].execute().waitFor()
    consumer.mkdirs()
    def cp = ['cp', '-r', new File(producer, 'src').path, consumer.path].execute()
    assert cp.waitFor() == 0
    def pomTemplate = new File(basedir, 'consumer-pom.xml').text.replace('@PLUGIN_VERSION@', pluginVersion)
    // Plugins and their dependencies come from the ITs' repository as a remote one: the local
    // repositories below start empty.
    def settings = new File(basedir, 'consumer-settings.xml')
    settings.text = """<settings><profiles><profile><id>its</id>
  <activation><activeByDefault>true</activeByDefault></activation>
  <repositories><repository><id>its</id><url>${new File(localRepositoryPath.toString()).toURI()}</url></repository></repositories>
  <pluginRepositories><pluginRepository><id>its</id><url>${new File(localRepositoryPath.toString()).toURI()}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""

    // No cross compiler on PATH: every host command but the *-linux-gnu-* tools.
    def bin = new File(basedir, 'path-without-cross-compilers')
    bin.mkdirs()
    ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'].each { d ->
        new File(d).listFiles()?.each { f ->
            def link = new File(bin, f.name)
            if (!f.isDirectory() && f.canExecute() && !(f.name ==~ /.*-linux-gnu[a-z]*-.*/) && !Files.exists(link.toPath(),
                    java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link.toPath(), f.toPath())
            }
        }
    }
    def env = ['PATH': bin.path]
    def probe = new ProcessBuilder(['sh', '-c', 'command -v aarch64-linux-gnu-gcc || command -v aarch64-linux-gnu-as'])
    probe.environment().put('PATH', bin.path)
    assert probe.start().waitFor() != 0 : 'a cross compiler is still on the consumer PATH'

    [['http', httpRepo], ['file', fileRepoDir.toURI().toString()]].each { kind, url ->
        new File(consumer, 'pom.xml').text = pomTemplate.replace('@SHARED_REPO@', url)
        def localRepo = new File(basedir, "consumer-local-repo-${kind}")
        ['rm', '-rf', localRepo.path].execute().waitFor()
        int before = requests.size()
        // The first consumer builds busybox itself with the resolved compiler rather than taking the
        // producer's from the shared build cache; the second may reuse what the first built.
        def reuse = kind == 'http' ? ['-Dfirmware.build-rootfs.reuse=false'] : []
        int rc = run(consumer, "consumer-${kind}.log", env, ['-s', settings.path, '-Dmaven.repo.local=' + localRepo.path]
                + firmwareArgs + reuse + ['verify'])
        def log = new File(basedir, "consumer-${kind}.log").text
        assert rc == 0 : "the consumer build against the ${kind} repository failed: see consumer-${kind}.log"
        if (kind == 'http') {
            assert log.contains('busybox-install: running') && !log.contains('busybox-install: reusing') :
                    'busybox was not built with the resolved toolchain'
        }
        assert log =~ /Toolchain 'target': org.example.shared:producer:1.0:${classifier} unpacked in .*toolchain-archive/
        assert log.contains('(org.example.shared:producer:1.0, not built here)') : 'the kernel was not the producer\'s'
        assert log =~ /Boot test passed in \d+ ms: 'FIRMWARE-READY nonce=[0-9a-f]{16}/ : 'no boot'
        assert new File(localRepo, coordinates + "producer-1.0-${classifier}.tar.xz").isFile() : 'not resolved'
        if (kind == 'http') {
            def mine = requests.subList(before, requests.size())
            assert mine.contains('GET ' + coordinates + "producer-1.0-${classifier}.tar.xz")
            assert mine.contains('GET ' + coordinates + 'producer-1.0.bin')
        }
    }
    def busybox = new File(consumer, 'target/firmware/rootfs/staging/bin/busybox').bytes
    assert busybox[0..3] == [0x7f, 0x45, 0x4c, 0x46] as byte[] && (busybox[18] & 0xff) == 183 : 'busybox is not an AArch64 ELF'
    def registry = new File(consumer, 'target/firmware/toolchains.properties').text
    assert registry =~ /target\.binDir=.*toolchain-archive.*bin/ : "the consumer's toolchain is not the archive's: ${registry}"
    def serial = new File(consumer, 'target/firmware/boot-test/serial.log').text
    assert serial.contains('Linux version 6.1.') : 'serial log is not from the producer kernel'

    // Negative control: a line that never comes fails within its limit, leaving no QEMU behind.
    int rc = run(consumer, 'consumer-negative.log', env, ['-s', settings.path, '-Dmaven.repo.local='
            + new File(basedir, 'consumer-local-repo-file').path] + firmwareArgs
            + ['verify', '-DbootTest.expect=THIS-LINE-NEVER-COMES', '-DbootTest.timeoutSeconds=15'])
    assert rc != 0 : 'the negative control passed'
    assert new File(basedir, 'consumer-negative.log').text.contains('THIS-LINE-NEVER-COMES')
    assert ['pgrep', '-f', 'qemu-system-aarch64.*' + consumer.absolutePath].execute().text.trim().isEmpty()
} finally {
    server.stop(0)
    server.executor.shutdownNow()
}
return true
