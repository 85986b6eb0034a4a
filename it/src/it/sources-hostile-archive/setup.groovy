// A tar whose second entry climbs out of the tree, written by hand (tar(1) would not write it).
def work = new File(basedir, 'work'); new File(work, 'served/up').mkdirs()
// Commons Compress is not on the hook script's class path: write the ustar headers directly.
def header = { String name, long size, char type ->
    byte[] h = new byte[512]
    def put = { int off, String s -> byte[] b = s.getBytes('US-ASCII'); System.arraycopy(b, 0, h, off, b.length) }
    put(0, name); put(100, '0000644\0'); put(108, '0000000\0'); put(116, '0000000\0')
    put(124, String.format('%011o\0', size)); put(136, '00000000000\0'); h[156] = (byte) type
    put(257, 'ustar\0'); put(263, '00')
    for (int i = 148; i < 156; i++) h[i] = (byte) 32
    int sum = 0; h.each { sum += (it & 0xff) }
    put(148, String.format('%06o\0 ', sum))
    h
}
def out = new ByteArrayOutputStream()
out.write(header('evil-1.0/', 0, '5' as char))
byte[] body = 'pwned\n'.bytes
out.write(header('evil-1.0/../../../escaped.txt', body.length, '0' as char))
out.write(body); out.write(new byte[512 - body.length])
out.write(new byte[1024])
new File(work, 'served/up/evil-1.0.tar').bytes = out.toByteArray()
// Debian's nginx serves work/served/** on 127.0.0.1 (it/src/it-lib/nginx.groovy) and fills @PORT@ / @SHA:name@.
def ngx = evaluate(new File(itLib, 'nginx.groovy')).start(basedir)
ngx.fill()
return true
