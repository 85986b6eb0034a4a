// Keeps only the files of the chosen preset, and gives a coreboot board its own nonce.
import java.nio.file.Files
import java.nio.file.Path
import java.security.SecureRandom

Path dir = java.nio.file.Paths.get(request.outputDirectory.toString(), request.artifactId)
String board = request.properties.get('board')

def drop = { String rel ->
    Path p = dir.resolve(rel)
    if (Files.isDirectory(p)) {
        p.toFile().deleteDir()
    } else {
        Files.deleteIfExists(p)
    }
}

boolean arm = board in ['qemu-aarch64-virt', 'qemu-aarch64-uefi']
if (board == 'empty') {
    drop('src')
} else if (arm) {
    drop('src/main/kernel/x86_64.config')
} else {
    drop('src/main/kernel/aarch64.config')
}
if (board != 'qemu-x86-coreboot') {
    drop('src/main/coreboot')
} else {
    // A value no earlier ROM carries: the boot test expects it back from /init via the ROM.
    byte[] b = new byte[8]
    new SecureRandom().nextBytes(b)
    String nonce = b.collect { String.format('%02x', it & 0xff) }.join()
    Path pom = dir.resolve('pom.xml')
    Files.writeString(pom, Files.readString(pom).replace('GENERATED-NONCE', nonce))
}
