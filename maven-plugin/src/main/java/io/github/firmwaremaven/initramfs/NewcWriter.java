package io.github.firmwaremaven.initramfs;

import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes newc ("070701") members with the conventions of Linux's {@code usr/gen_init_cpio}, so that
 * our archive of a list is byte-for-byte the kernel tool's: inode numbers count up from 721 (a file
 * with hard links uses one number), device 3:1 on every member but the trailer, nlink 2 for
 * directories, pipes and sockets, symlink data includes the target's NUL, the data of a
 * hard-linked file follows its last name, and the trailer is padded to 512 bytes.
 */
public final class NewcWriter {
    private static final int HEADER_LEN = 110;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final long mtime;
    private final byte[] header = new byte[HEADER_LEN];
    private final byte[] buffer = new byte[1 << 16];
    private long offset;
    private long ino = 721;

    /** @param mtime seconds since 1970 for every member (the build's time stamp) */
    public NewcWriter(OutputStream out, long mtime) {
        this.out = out;
        // cpio has 32 bits for time; gen_init_cpio clips too.
        this.mtime = Math.max(0, Math.min(mtime, 0xFFFFFFFFL));
    }

    public void write(CpioEntry e) throws IOException, FirmwareException {
        switch (e.type()) {
            case FILE:
                writeFile(e);
                break;
            case SLINK: {
                byte[] target = nulTerminated(e.target());
                member(ino++, e.fullMode(), e.uid(), e.gid(), 1, target.length, 3, 1, 0, 0, e.name());
                out.write(target);
                offset += target.length;
                pad(4);
                break;
            }
            case NOD:
                member(ino++, e.fullMode(), e.uid(), e.gid(), 1, 0, 3, 1, e.major(), e.minor(), e.name());
                break;
            default: // dir, pipe, sock share gen_init_cpio's cpio_mkgeneric: nlink 2 for all three
                member(ino++, e.fullMode(), e.uid(), e.gid(), 2, 0, 3, 1, 0, 0, e.name());
        }
    }

    private void writeFile(CpioEntry e) throws IOException, FirmwareException {
        Path source = e.source();
        long size;
        try {
            size = Files.size(source);
        } catch (IOException x) {
            throw new FirmwareException(e.origin() + ": cannot read " + source + " for /" + e.name() + ": " + x);
        }
        if (size > 0xFFFFFFFFL) {
            throw new FirmwareException(e.origin() + ": " + source + " is larger than newc's 4 GiB limit");
        }
        int nlink = 1 + e.links().size();
        for (int i = 0; i < nlink; i++) {
            boolean last = i == nlink - 1;
            String name = i == 0 ? e.name() : e.links().get(i - 1);
            member(ino, e.fullMode(), e.uid(), e.gid(), nlink, last ? size : 0, 3, 1, 0, 0, name);
            if (last) {
                // Also for size 0: a file that is not really empty (a /proc file) must not pass silently.
                copy(source, size, e);
                pad(4);
            }
        }
        ino++;
    }

    private void copy(Path source, long size, CpioEntry e) throws IOException, FirmwareException {
        long left = size;
        try (InputStream in = Files.newInputStream(source)) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            if (left != 0 || in.read() >= 0) {
                throw new FirmwareException(source + " (" + e.origin() + ") changed size while being packed");
            }
        }
        offset += size;
    }

    /** The TRAILER!!! member and zero padding to a 512-byte boundary, as gen_init_cpio ends. */
    public void finish() throws IOException {
        member(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, "TRAILER!!!");
        pad(512);
        out.flush();
    }

    private void member(long inode, int mode, long uid, long gid, int nlink, long fileSize, int devMajor,
            int devMinor, int rdevMajor, int rdevMinor, String name) throws IOException {
        byte[] nameBytes = nulTerminated(name);
        System.arraycopy("070701".getBytes(StandardCharsets.US_ASCII), 0, header, 0, 6);
        long[] fields = {inode, mode & 0xFFFFFFFFL, uid, gid, nlink, mtime, fileSize, devMajor, devMinor,
            rdevMajor, rdevMinor, nameBytes.length, 0};
        // The trailer has mtime 0 in gen_init_cpio.
        if (name.equals("TRAILER!!!") && inode == 0) {
            fields[5] = 0;
        }
        for (int f = 0; f < fields.length; f++) {
            long v = fields[f];
            for (int d = 7; d >= 0; d--) {
                header[6 + f * 8 + d] = HEX[(int) (v & 0xF)];
                v >>>= 4;
            }
        }
        out.write(header);
        out.write(nameBytes);
        offset += HEADER_LEN + nameBytes.length;
        pad(4);
    }

    private void pad(int to) throws IOException {
        while (offset % to != 0) {
            out.write(0);
            offset++;
        }
    }

    private static byte[] nulTerminated(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] r = new byte[b.length + 1];
        System.arraycopy(b, 0, r, 0, b.length);
        return r;
    }

    public long bytesWritten() {
        return offset;
    }
}
