package io.github.firmwaremaven.initramfs;

import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the list format of Linux's {@code usr/gen_init_cpio}: one entry a line, {@code #} comments.
 * Locations may use {@code ${VAR}} like gen_init_cpio; relative locations are taken from the list's
 * own directory (gen_init_cpio takes them from its working directory, which kbuild sets to the tree).
 */
public final class CpioList {
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

    private CpioList() {}

    public static List<CpioEntry> parse(Path listFile, Map<String, String> env) throws IOException, FirmwareException {
        if (!Files.isRegularFile(listFile)) {
            throw new FirmwareException("initramfs list " + listFile + " does not exist; fix the list path in the pom");
        }
        List<String> lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
        Path base = listFile.toAbsolutePath().getParent();
        List<CpioEntry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String origin = listFile + ":" + (i + 1);
            String line = lines.get(i);
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            CpioEntry e = parseLine(line.trim(), origin, base, env);
            List<String> names = new ArrayList<>();
            names.add(e.name());
            names.addAll(e.links());
            for (String n : names) {
                Integer earlier = seen.putIfAbsent(n, i + 1);
                if (earlier != null) {
                    throw new FirmwareException(listFile + ":" + (i + 1) + ": /" + n + " is already declared on line "
                            + earlier + " of the same list; keep only one of the two lines");
                }
            }
            entries.add(e);
        }
        return entries;
    }

    private static CpioEntry parseLine(String line, String origin, Path base, Map<String, String> env)
            throws FirmwareException {
        String[] f = line.split("[ \t]+");
        String type = f[0];
        try {
            switch (type) {
                case "file": {
                    need(f, 6, "file <name> <location> <mode> <uid> <gid> [<hard links>...]", origin, line);
                    String location = expand(f[2], env, origin);
                    Path source = base.resolve(location).normalize();
                    if (!Files.isRegularFile(source)) {
                        throw new FirmwareException(origin + ": source file " + source + " of /" + name(f[1], origin, line)
                                + " does not exist or is not a regular file");
                    }
                    List<String> links = new ArrayList<>();
                    for (int k = 6; k < f.length; k++) {
                        links.add(name(f[k], origin, line));
                    }
                    return CpioEntry.file(name(f[1], origin, line), source, mode(f[3], origin, line),
                            id(f[4], origin, line), id(f[5], origin, line), links, origin);
                }
                case "dir":
                case "pipe":
                case "sock": {
                    need(f, 5, type + " <name> <mode> <uid> <gid>", origin, line);
                    exact(f, 5, origin, line);
                    CpioEntry.Type t = type.equals("dir") ? CpioEntry.Type.DIR
                            : type.equals("pipe") ? CpioEntry.Type.PIPE : CpioEntry.Type.SOCK;
                    return CpioEntry.generic(t, name(f[1], origin, line), mode(f[2], origin, line),
                            id(f[3], origin, line), id(f[4], origin, line), origin);
                }
                case "slink": {
                    need(f, 6, "slink <name> <target> <mode> <uid> <gid>", origin, line);
                    exact(f, 6, origin, line);
                    return CpioEntry.slink(name(f[1], origin, line), f[2], mode(f[3], origin, line),
                            id(f[4], origin, line), id(f[5], origin, line), origin);
                }
                case "nod": {
                    need(f, 8, "nod <name> <mode> <uid> <gid> <b|c> <major> <minor>", origin, line);
                    exact(f, 8, origin, line);
                    if (!f[5].equals("b") && !f[5].equals("c")) {
                        throw malformed(origin, line, "device type must be b or c, not '" + f[5] + "'");
                    }
                    return CpioEntry.nod(name(f[1], origin, line), mode(f[2], origin, line), id(f[3], origin, line),
                            id(f[4], origin, line), f[5].charAt(0), (int) id(f[6], origin, line),
                            (int) id(f[7], origin, line), origin);
                }
                default:
                    throw malformed(origin, line, "unknown entry type '" + type
                            + "'; expected file, dir, nod, slink, pipe or sock");
            }
        } catch (NumberFormatException e) {
            throw malformed(origin, line, "not a number: " + e.getMessage());
        }
    }

    private static void need(String[] f, int n, String format, String origin, String line) throws FirmwareException {
        if (f.length < n) {
            throw malformed(origin, line, "expected '" + format + "'");
        }
    }

    private static void exact(String[] f, int n, String origin, String line) throws FirmwareException {
        if (f.length > n) {
            throw malformed(origin, line, "unexpected text after field " + n + ": '" + f[n] + "'");
        }
    }

    /** Strips one leading slash like gen_init_cpio; refuses names the kernel would store oddly. */
    private static String name(String raw, String origin, String line) throws FirmwareException {
        String n = raw.startsWith("/") ? raw.substring(1) : raw;
        if (n.isEmpty() || n.endsWith("/") || n.contains("//") || ("/" + n + "/").contains("/../")
                || ("/" + n + "/").contains("/./")) {
            throw malformed(origin, line, "'" + raw + "' is not a plain path such as /dev/console");
        }
        return n;
    }

    private static int mode(String s, String origin, String line) throws FirmwareException {
        int m = Integer.parseInt(s, 8);
        if (m < 0 || m > 07777) {
            throw malformed(origin, line, "mode " + s + " must be permission bits only (0000..7777, octal)");
        }
        return m;
    }

    private static long id(String s, String origin, String line) throws FirmwareException {
        long v = Long.parseLong(s);
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw malformed(origin, line, s + " is out of range");
        }
        return v;
    }

    private static String expand(String location, Map<String, String> env, String origin) throws FirmwareException {
        Matcher m = VAR.matcher(location);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                throw new FirmwareException(origin + ": ${" + m.group(1) + "} in '" + location
                        + "' is not set in the environment");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static FirmwareException malformed(String origin, String line, String why) {
        return new FirmwareException(origin + ": malformed initramfs list line '" + line + "': " + why);
    }
}
