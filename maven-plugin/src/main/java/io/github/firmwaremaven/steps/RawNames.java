package io.github.firmwaremaven.steps;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names as the file system holds them: bytes, not necessarily UTF-8, kept losslessly in
 * Strings. A byte that is not part of valid UTF-8 becomes the lone surrogate U+DC80 + (byte - 0x80)
 * (Python's "surrogateescape"), which decoding valid UTF-8 never yields on its own. In a manifest
 * such a byte is written {@code \xHH}, so the file stays valid UTF-8 text.
 */
final class RawNames {
    private static final int ESCAPED_FIRST = 0xDC80;
    private static final int ESCAPED_LAST = 0xDCFF;

    private RawNames() {}

    /** The name that {@code len} bytes at {@code off} spell. */
    static String decode(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && b[i] >= 0) {
            i++;
        }
        if (i == end) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1); // ASCII: the common case, no decoder
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, off, len);
        CharBuffer out = CharBuffer.allocate(len); // never more chars than bytes
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                for (int k = 0; k < r.length(); k++) {
                    out.put((char) (ESCAPED_FIRST - 0x80 + (in.get() & 0xff)));
                }
            } else {
                decoder.flush(out);
                break;
            }
        }
        return out.flip().toString();
    }

    /** The bytes {@code name} stands for. */
    static byte[] encode(String name) {
        if (!hasEscapedBytes(name)) {
            return name.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length() + 8);
        for (int i = 0; i < name.length();) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= ESCAPED_FIRST && cp <= ESCAPED_LAST) {
                out.write(cp - ESCAPED_FIRST + 0x80);
            } else {
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    /** Whether {@code name} holds a byte that is not UTF-8 (a lone U+DC80-U+DCFF). */
    static boolean hasEscapedBytes(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= ESCAPED_FIRST && c <= ESCAPED_LAST && (i == 0 || !Character.isHighSurrogate(name.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code relative} below {@code root}. A name that is not UTF-8 cannot go through a String into a
     * Path, so it goes through a {@code file:} URI, whose %HH escapes the JDK turns back into the bytes.
     */
    static Path resolve(Path root, String relative) {
        if (!hasEscapedBytes(relative)) {
            return root.resolve(relative);
        }
        StringBuilder uri = new StringBuilder(root.toAbsolutePath().toUri().toString());
        if (uri.charAt(uri.length() - 1) != '/') {
            uri.append('/');
        }
        for (byte b : encode(relative)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-._~".indexOf(c) >= 0)) {
                uri.append((char) c);
            } else {
                uri.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        return Path.of(URI.create(uri.toString()));
    }

    /** {@code name} for a manifest line: backslash, tab and newline escaped, and bytes that are not UTF-8 as \xHH. */
    static String escape(String name) {
        StringBuilder sb = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String replacement = null;
            if (c == '\\') {
                replacement = "\\\\";
            } else if (c == '\t') {
                replacement = "\\t";
            } else if (c == '\n') {
                replacement = "\\n";
            } else if (c >= ESCAPED_FIRST && c <= ESCAPED_LAST && (i == 0 || !Character.isHighSurrogate(name.charAt(i - 1)))) {
                int b = c - ESCAPED_FIRST + 0x80;
                replacement = "\\x" + Character.forDigit(b >> 4, 16) + Character.forDigit(b & 15, 16);
            }
            if (replacement != null && sb == null) {
                sb = new StringBuilder(name.length() + 8).append(name, 0, i);
            }
            if (sb != null) {
                if (replacement != null) {
                    sb.append(replacement);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? name : sb.toString();
    }
}
