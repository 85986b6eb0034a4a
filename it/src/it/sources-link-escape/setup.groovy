// Crafts one hostile archive per construction with python3's tarfile (tar(1) would not write most of
// them), writes a board per case, and serves the archives on 127.0.0.1. Every crafted link aims at a
// canary directory outside the home and the temporary area, or under /tmp; verify.groovy checks that
// both are untouched.

def work = new File(basedir, 'work'); def served = new File(work, 'served'); served.mkdirs()
def rnd = UUID.randomUUID().toString().substring(0, 8)
def canaries = [new File("/srv/firmware-canary-${rnd}"), new File("/tmp/firmware-canary-${rnd}")]
canaries.each { c -> c.mkdirs(); new File(c, 'victim').text = 'untouched\n' }
new File(work, 'canaries.txt').text = canaries*.path.join('\n')
def varCanary = canaries[0].path.substring(1), tmpCanary = canaries[1].path.substring(1)

def script = new File(work, 'craft.py')
script.text = '''
import io, sys, tarfile
out, var_canary, tmp_canary = sys.argv[1], sys.argv[2], sys.argv[3]
DEPTH = 30  # deeper than any build directory: l30 is / wherever the tree is

def tar(name, entries):
    with tarfile.open(out + "/" + name, "w", format=tarfile.GNU_FORMAT) as t:
        for kind, path, arg, mode in entries:
            i = tarfile.TarInfo(path)
            i.mtime = 1700000000
            i.mode = mode
            data = None
            if kind == "d":
                i.type = tarfile.DIRTYPE
            elif kind == "f":
                data = arg.encode()
                i.size = len(data)
            elif kind == "l":
                i.type = tarfile.SYMTYPE; i.linkname = arg
            elif kind == "h":
                i.type = tarfile.LNKTYPE; i.linkname = arg
            elif kind == "p":
                i.type = tarfile.FIFOTYPE
            elif kind == "c":
                i.type = tarfile.CHRTYPE; i.devmajor = 1; i.devminor = 3
            t.addfile(i, io.BytesIO(data) if data is not None else None)

def chain(top):
    # a/l1 -> .. is the tree; a/lN -> l(N-1)/.. normalises to a/ but is N-1 levels above the tree.
    e = [("d", top + "/a/", None, 0o755), ("l", top + "/a/l1", "..", 0o777)]
    e += [("l", "%s/a/l%d" % (top, n), "l%d/.." % (n - 1), 0o777) for n in range(2, DEPTH + 1)]
    return e

def at(top, canary):
    return ("l", top + "/a/" + ("varlink" if canary == var_canary else "tmplink"), "l%d/%s" % (DEPTH, canary), 0o777)

tar("chain-1.0.tar", [("d", "chain-1.0/", None, 0o755)] + chain("chain-1.0")
    + [at("chain-1.0", var_canary), at("chain-1.0", tmp_canary)])
# The outward link comes first, while a/l30 does not exist yet and it is harmless.
tar("later-1.0.tar", [("d", "later-1.0/", None, 0o755), ("d", "later-1.0/a/", None, 0o755),
    at("later-1.0", var_canary)] + chain("later-1.0")[1:])
tar("dirswap-1.0.tar", [("d", "dirswap-1.0/", None, 0o755)] + chain("dirswap-1.0")
    + [("l", "dirswap-1.0/x", "a/l%d/%s" % (DEPTH, var_canary), 0o777), ("d", "dirswap-1.0/x/", None, 0o755),
       ("f", "dirswap-1.0/x/pwned", "pwned\\n", 0o644)])
tar("hardlink-1.0.tar", [("d", "hardlink-1.0/", None, 0o755)] + chain("hardlink-1.0")
    + [("l", "hardlink-1.0/s", "a/l%d/%s/victim" % (DEPTH, tmp_canary), 0o777),
       ("h", "hardlink-1.0/h", "hardlink-1.0/s", 0o644)])
tar("loop-1.0.tar", [("d", "loop-1.0/", None, 0o755), ("l", "loop-1.0/x", "y/" + var_canary, 0o777),
    ("l", "loop-1.0/y", "x", 0o777)])
tar("fifo-1.0.tar", [("d", "fifo-1.0/", None, 0o755), ("p", "fifo-1.0/pipe", None, 0o644)])
tar("device-1.0.tar", [("d", "device-1.0/", None, 0o755), ("c", "device-1.0/null", None, 0o666)])
tar("inside-1.0.tar", [("d", "inside-1.0/", None, 0o755), ("d", "inside-1.0/include/", None, 0o755),
    ("d", "inside-1.0/include/linux/", None, 0o755), ("f", "inside-1.0/include/linux/x.h", "inside\\n", 0o644),
    ("l", "inside-1.0/inc", "include/linux", 0o777), ("l", "inside-1.0/alias", "inc", 0o777),
    ("d", "inside-1.0/deep/", None, 0o755), ("l", "inside-1.0/deep/ptr", "../alias", 0o777),
    ("l", "inside-1.0/deep/up", "ptr/../../deep/ptr/x.h", 0o777),
    ("f", "inside-1.0/tool", "#!/bin/sh\\n", 0o4755)])
'''
def p = ['python3', script.path, served.path, varCanary, tmpCanary].execute()
p.waitForProcessOutput(System.out, System.err)
assert p.exitValue() == 0 : 'python3 could not craft the archives'
new File(served, 'note.txt').text = 'a note for the tree\n'

// One board per case; the plugin version comes from this IT's own (filtered) pom.
def version = (new File(basedir, 'pom.xml').text =~ /<artifactId>firmware-maven-plugin<\/artifactId>\s*<version>([^<]+)</)[0][1]
assert !version.contains('@') : "pom.xml not filtered: ${version}"
def source = { String name, String extra = '' ->
    """<source><name>${name}</name><url>http://127.0.0.1:@PORT@/${name}-1.0.tar</url><sha256>@SHA:${name}-1.0.tar@</sha256>${extra}</source>"""
}
def note = { String into, String path ->
    """<source><name>note</name><kind>file</kind><url>http://127.0.0.1:@PORT@/note.txt</url><sha256>@SHA:note.txt@</sha256><into>${into}</into><intoPath>${path}</intoPath></source>"""
}
def cases = [
    chain: source('chain', '<version>1.0</version>') + note('chain', 'a/varlink'),
    later: source('later'), dirswap: source('dirswap'), hardlink: source('hardlink'), loop: source('loop'),
    fifo: source('fifo'), device: source('device'),
    inside: source('inside') + note('inside', 'deep/ptr/extra'),
]
cases.each { name, sources ->
    def dir = new File(basedir, "case-${name}"); dir.mkdirs()
    new File(dir, 'pom.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>it.firmware</groupId>
  <artifactId>sources-link-escape-${name}</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <properties><project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp></properties>
  <build><plugins><plugin>
    <groupId>io.github.firmwaremaven</groupId>
    <artifactId>firmware-maven-plugin</artifactId>
    <version>${version}</version>
    <configuration>
      <downloadCache>\${project.basedir}/downloads</downloadCache>
      <cacheDir>\${project.basedir}/cache</cacheDir>
      <sources>${sources}</sources>
    </configuration>
  </plugin></plugins></build>
</project>
"""
}
// The chain board also patches a file through the other crafted link.
def patchDir = new File(basedir, 'case-chain/src/firmware/patches/chain'); patchDir.mkdirs()
new File(patchDir, '0001-through-link.patch').text =
    '--- a/a/tmplink/victim\n+++ b/a/tmplink/victim\n@@ -1 +1 @@\n-untouched\n+pwned\n'

// Debian's nginx serves the archives (it/src/it-lib/nginx.groovy); every board's @PORT@ / @SHA:name@ is filled.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir)
basedir.eachFileRecurse { f -> if (f.name == 'pom.xml') f.text = ngx.fill(f.text) }
return true
