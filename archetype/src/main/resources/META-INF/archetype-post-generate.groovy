// Refuses a board that is not a preset; keeps only the files of the chosen preset, and gives a
// coreboot board its own nonce.
import java.net.JarURLConnection
import java.nio.file.Files
import java.nio.file.Path
import java.security.SecureRandom
import java.util.regex.Pattern
import javax.xml.parsers.DocumentBuilderFactory

Path dir = java.nio.file.Paths.get(request.outputDirectory.toString(), request.artifactId)
String board = request.properties.get('board')

// The presets are the board property's validationRegex: a (?x) expression with one alternative and its
// description (a comment) a line, which interactive mode shows as its question. The script runs with
// the archetype's jar as the context class loader.
ClassLoader jar = Thread.currentThread().contextClassLoader
URL descriptorUrl = jar.getResource('META-INF/maven/archetype-metadata.xml')
def properties = descriptorUrl.withInputStream { DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(it) }
        .getElementsByTagName('requiredProperty')
String expression = (0..<properties.length).collect { properties.item(it) }
        .find { it.getAttribute('key') == 'board' }.getElementsByTagName('validationRegex').item(0).textContent.trim()
Map<String, String> presets = [:]
expression.eachLine { String line ->
    def m = line =~ /^\s*(?:\(\?x\))?\s*\|?\s*([A-Za-z0-9_.-]+)\s*#\s*(.*)$/
    if (m.find()) {
        presets[m.group(1)] = m.group(2).trim()
    }
}

if (!Pattern.compile(expression).matcher(board ?: '').matches()) {
    // Batch mode checks no value against the expression: what was generated goes again, so that a
    // corrected command can generate into the same place.
    String prefix = 'archetype-resources/'
    def connection = (JarURLConnection) descriptorUrl.openConnection()
    connection.useCaches = false
    List<Path> written = connection.jarFile.withCloseable { jf ->
        jf.entries().toList().findAll { !it.directory && it.name.startsWith(prefix) }
                .collect { dir.resolve(it.name.substring(prefix.length())) }
    }
    written.each { Files.deleteIfExists(it) }
    // Then every directory that held them and is now empty, deepest first, the board's own included.
    Set<Path> dirs = new TreeSet<>({ Path a, Path b -> b.nameCount <=> a.nameCount ?: a <=> b } as Comparator)
    written.each { f -> for (Path d = f.parent; d.startsWith(dir); d = d.parent) { dirs << d } }
    dirs.each { d -> if (Files.isDirectory(d) && Files.list(d).withCloseable { !it.findAny().present }) { Files.delete(d) } }
    // Inside a pom project, generation also added the board to the parent's modules.
    Path parentPom = dir.parent.resolve('pom.xml')
    if (!Files.exists(dir) && Files.isRegularFile(parentPom)) {
        String text = Files.readString(parentPom)
        String without = text.replaceFirst('\\n?[ \\t]*<module>' + Pattern.quote(request.artifactId) + '</module>', '')
        if (without != text) {
            Files.writeString(parentPom, without)
        }
    }
    int width = presets.keySet()*.length().max()
    throw new IllegalArgumentException("Unknown board '${board}'. The presets (-Dboard=NAME): what each builds; "
            + "how boot-test boots it:\n"
            + presets.collect { name, what -> '  ' + name.padRight(width) + '  ' + what }.join('\n')
            + "\nNothing was generated.")
}

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
    drop('src/main')
} else if (arm) {
    drop('src/main/kernel/x86_64.config')
} else {
    drop('src/main/kernel/aarch64.config')
}
boolean kvm = board == 'qemu-x86-coreboot-kvm'
if (kvm) {
    // The hypervisor board's own /init starts the guest; the guest's files stay in src/main/kvm.
    Path init = dir.resolve('src/main/rootfs/init')
    Files.move(dir.resolve('src/main/kvm/host-init'), init, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
    drop('src/main/coreboot/qemu-i440fx.config')
} else {
    drop('src/main/kvm')
    drop('src/main/coreboot/qemu-i440fx-kvm.config')
}
if (board != 'qemu-x86-coreboot' && !kvm) {
    drop('src/main/coreboot')
} else {
    // A value no earlier ROM carries: the boot test expects it back from /init via the ROM.
    byte[] b = new byte[8]
    new SecureRandom().nextBytes(b)
    String nonce = b.collect { String.format('%02x', it & 0xff) }.join()
    Path pom = dir.resolve('pom.xml')
    Files.writeString(pom, Files.readString(pom).replace('GENERATED-NONCE', nonce))
}
