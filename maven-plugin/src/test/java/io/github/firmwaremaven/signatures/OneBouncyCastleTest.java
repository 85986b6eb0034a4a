package io.github.firmwaremaven.signatures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class path holds one BouncyCastle, of the lts8on line that jsign 7.x (EFI signing, a later
 * issue) depends on: two lines side by side would shadow each other's classes unpredictably.
 */
class OneBouncyCastleTest {
    static List<URL> copies(String resource) throws Exception {
        return Collections.list(OneBouncyCastleTest.class.getClassLoader().getResources(resource));
    }

    @Test
    void eachBouncyCastlePartIsOnTheClassPathOnceAndIsTheLts8onLine() throws Exception {
        for (String r : List.of("org/bouncycastle/openpgp/PGPSignature.class", "org/bouncycastle/crypto/Digest.class",
                "org/bouncycastle/asn1/ASN1Object.class")) {
            List<URL> found = copies(r);
            assertEquals(1, found.size(), r + " found in " + found);
            assertTrue(found.get(0).toString().contains("-lts8on-"), found.get(0).toString());
        }
    }
}
