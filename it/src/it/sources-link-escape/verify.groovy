evaluate(new File(itLib, 'nginx.groovy')).running(basedir).stop()
def log = new File(basedir, 'build.log').text
def canaries = new File(basedir, 'work/canaries.txt').readLines().collect { new File(it) }
try {
    // Each construction refused, naming its entry.
    assert log.contains("Source 'chain': Refusing to extract chain-1.0.tar: entry 'chain-1.0/a/l2' is a symbolic link "
            + "to l1/.. that, followed through the tree, leads above the tree through the symbolic link 'a/l1'")
    assert log.contains("Source 'later': Refusing to extract later-1.0.tar: entry 'later-1.0/a/varlink' is a "
            + "symbolic link to l30/srv/firmware-canary-")
    assert log =~ /Source 'dirswap': Refusing to extract dirswap-1.0.tar: entry 'dirswap-1.0\/x\/?' is a directory where the archive put a symbolic link/
    assert log.contains("Source 'hardlink': Refusing to extract hardlink-1.0.tar: entry 'hardlink-1.0/h' is a hard "
            + "link to hardlink-1.0/s, which is not a file extracted earlier")
    assert log.contains("Source 'loop': Refusing to extract loop-1.0.tar: entry 'loop-1.0/x' is a symbolic link to "
            + "y/srv/firmware-canary-")
    assert log.contains('runs through more than 40 symbolic links')
    assert log.contains("Source 'fifo': Refusing to extract fifo-1.0.tar: entry 'fifo-1.0/pipe' is a FIFO, which a "
            + "source tree may not hold")
    assert log.contains("Source 'device': Refusing to extract device-1.0.tar: entry 'device-1.0/null' is a character "
            + "device node, which a source tree may not hold")
    // No refused case left a tree that looks usable.
    ['chain', 'later', 'dirswap', 'hardlink', 'loop', 'fifo', 'device'].each { c ->
        def trees = new File(basedir, "case-${c}/cache/build/sources").listFiles()?.findAll { it.isDirectory() } ?: []
        assert trees.isEmpty() : "case ${c} left ${trees}"
    }
    // Links that stay inside still resolve, and a file placed <into> the tree through them lands inside.
    def tree = new File(basedir, 'case-inside/cache/build/sources').listFiles().find { it.isDirectory() && !it.name.contains('.tmp-') }
    assert tree != null : 'no tree for case-inside'
    tree = new File(tree, 'tree')
    assert new File(tree, 'deep/ptr/x.h').text == 'inside\n'
    assert new File(tree, 'deep/up').text == 'inside\n'
    assert new File(tree, 'include/linux/extra/note.txt').text == 'a note for the tree\n'
    // setuid dropped, with one warning naming the entry.
    def mode = java.nio.file.Files.getAttribute(new File(tree, 'tool').toPath(), 'unix:mode') as int
    assert (mode & 07777) == 0755 : Integer.toOctalString(mode)
    assert log.count("[WARNING] Source 'inside': dropped the setuid bit of entry 'inside-1.0/tool'") == 1
} finally {
    // The canaries: listing and content as setup left them.
    def damaged = canaries.findAll { c -> c.list()?.toList() != ['victim'] || new File(c, 'victim').text != 'untouched\n' }
    canaries.each { it.deleteDir() }
    assert damaged.isEmpty() : "canaries touched: ${damaged}"
}
return true
