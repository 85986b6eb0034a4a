// Keeps only the files of the chosen preset.
import java.nio.file.Files
import java.nio.file.Path

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

if (board == 'empty') {
    drop('src')
} else if (board == 'qemu-aarch64-virt') {
    drop('src/main/kernel/x86_64.config')
} else {
    drop('src/main/kernel/aarch64.config')
}
