package io.github.firmwaremaven.signatures;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.openpgp.PGPUtil;

/**
 * The OpenPGP packet streams of a key or signature file. Armored files are often several blocks one
 * after the other (Debian's {@code signing-key.asc} with a key per block, signatures joined with
 * cat), and BouncyCastle's armored stream ends at the first block's end, so each block is read alone.
 */
final class Armor {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN PGP [A-Z ]+-----.*?-----END PGP [A-Z ]+-----",
            Pattern.DOTALL);

    private Armor() {}

    static List<InputStream> packets(byte[] file) throws IOException {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        List<InputStream> result = new ArrayList<>();
        if (text.contains("-----BEGIN PGP ")) {
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                byte[] block = (m.group() + "\n").getBytes(StandardCharsets.ISO_8859_1);
                result.add(PGPUtil.getDecoderStream(new ByteArrayInputStream(block)));
            }
            if (result.isEmpty()) {
                throw new IOException("an armor header without its END line");
            }
        } else {
            result.add(PGPUtil.getDecoderStream(new ByteArrayInputStream(file)));
        }
        return result;
    }
}
