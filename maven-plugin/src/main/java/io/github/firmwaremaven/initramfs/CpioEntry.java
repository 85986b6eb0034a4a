package io.github.firmwaremaven.initramfs;

import java.nio.file.Path;
import java.util.List;

/**
 * One archive member as gen_init_cpio understands it. {@code name} has no leading slash;
 * {@code mode} holds only the permission bits (the type comes from {@code type}).
 *
 * @param source the file whose content is stored (FILE only)
 * @param target the link target (SLINK only)
 * @param links  further names of the same file (FILE only): gen_init_cpio's hard links
 * @param origin where the entry was declared, for error messages ("list.txt:12", an overlay path)
 */
public record CpioEntry(Type type, String name, int mode, long uid, long gid, Path source, String target,
        char devType, int major, int minor, List<String> links, String origin) {

    public enum Type {
        FILE(0100000), DIR(0040000), SLINK(0120000), NOD(0), PIPE(0010000), SOCK(0140000);

        final int bits;

        Type(int bits) {
            this.bits = bits;
        }
    }

    public CpioEntry {
        links = List.copyOf(links);
    }

    public static CpioEntry dir(String name, int mode, long uid, long gid, String origin) {
        return new CpioEntry(Type.DIR, name, mode, uid, gid, null, null, ' ', 0, 0, List.of(), origin);
    }

    public static CpioEntry file(String name, Path source, int mode, long uid, long gid, List<String> links,
            String origin) {
        return new CpioEntry(Type.FILE, name, mode, uid, gid, source, null, ' ', 0, 0, links, origin);
    }

    public static CpioEntry slink(String name, String target, int mode, long uid, long gid, String origin) {
        return new CpioEntry(Type.SLINK, name, mode, uid, gid, null, target, ' ', 0, 0, List.of(), origin);
    }

    public static CpioEntry nod(String name, int mode, long uid, long gid, char devType, int major, int minor,
            String origin) {
        return new CpioEntry(Type.NOD, name, mode, uid, gid, null, null, devType, major, minor, List.of(), origin);
    }

    public static CpioEntry generic(Type type, String name, int mode, long uid, long gid, String origin) {
        return new CpioEntry(type, name, mode, uid, gid, null, null, ' ', 0, 0, List.of(), origin);
    }

    /** The full st_mode word: type bits or'ed with the permission bits, as gen_init_cpio does. */
    public int fullMode() {
        if (type == Type.NOD) {
            return (devType == 'b' ? 0060000 : 0020000) | mode;
        }
        return type.bits | mode;
    }

    public CpioEntry withOwnerAndMode(int newMode, long newUid, long newGid, String newOrigin) {
        return new CpioEntry(type, name, newMode, newUid, newGid, source, target, devType, major, minor, links,
                newOrigin);
    }

    /**
     * One line of gen_init_cpio's list format describing this entry.
     *
     * @param base the directory file locations are written relative to (the list's own, so that the
     *     list does not depend on where the board was built)
     */
    public String toListLine(Path base) {
        String m = Integer.toOctalString(mode);
        while (m.length() < 4) {
            m = "0" + m;
        }
        String own = m + " " + uid + " " + gid;
        switch (type) {
            case FILE:
                StringBuilder sb = new StringBuilder("file /" + name + " "
                        + base.relativize(source.toAbsolutePath()) + " " + own);
                for (String l : links) {
                    sb.append(" /").append(l);
                }
                return sb.toString();
            case DIR:
                return "dir /" + name + " " + own;
            case SLINK:
                return "slink /" + name + " " + target + " " + own;
            case NOD:
                return "nod /" + name + " " + own + " " + devType + " " + major + " " + minor;
            case PIPE:
                return "pipe /" + name + " " + own;
            default:
                return "sock /" + name + " " + own;
        }
    }
}
