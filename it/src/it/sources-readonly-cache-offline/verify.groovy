def downloads = new File(basedir, 'downloads')
try {
    // The mount really was read-only, even for root.
    boolean written = false
    try { written = new File(downloads, 'probe').createNewFile() } catch (IOException expected) { }
    assert !written : 'the download cache was writable'
    def log = new File(basedir, 'build.log').text
    assert log.contains('BUILD SUCCESS') : log
    assert log =~ /Source 'two': \S+two-1\.0\.tar\.gz verified; the download cache cannot be written \(read-only file system\), so the check is not recorded/ : log
    assert !log.contains("Source 'one': ") : "'one' had a fresh record and needed no hashing: ${log}"
    def registry = new Properties()
    new File(basedir, 'target/firmware/sources.properties').withInputStream { registry.load(it) }
    assert new File(registry.getProperty('one.tree'), 'one.c').text == 'int one;\n'
    assert new File(registry.getProperty('two.tree'), 'two.c').text == 'int two;\n'
} finally {
    def u = new ProcessBuilder('umount', downloads.path).redirectErrorStream(true).start()
    assert u.waitFor() == 0 : u.text
}
return true
