package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The incremental validator against the JDK's strict decoder, whole and split at every point. */
class Utf8ValidatorTest {

    private static final long SEED = Long.getLong("gannet.seed", System.nanoTime());
    private static final int[] INTERESTING = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
        0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};

    private static final CharsetDecoder STRICT = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    static boolean jdkAccepts(byte[] a) {
        try {
            STRICT.reset().decode(ByteBuffer.wrap(a));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Whether some continuation makes {@code a} valid (continuations only constrain byte 2). */
    static boolean isValidPrefix(byte[] a) {
        if (jdkAccepts(a)) {
            return true;
        }
        // The JDK reports malformed input before the end only for definite errors: prune with that.
        ByteBuffer in = ByteBuffer.wrap(a);
        if (STRICT.reset().decode(in, java.nio.CharBuffer.allocate(a.length + 2), false).isError()) {
            return false;
        }
        for (int c = 0x80; c <= 0xBF; c++) {
            for (int extra = 0; extra <= 2; extra++) {
                byte[] b = java.util.Arrays.copyOf(a, a.length + 1 + extra);
                b[a.length] = (byte) c;
                for (int k = 0; k < extra; k++) {
                    b[a.length + 1 + k] = (byte) 0x80;
                }
                if (jdkAccepts(b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Index of the first byte after which no continuation can help, or -1. */
    static int expectedFailIndex(byte[] a) {
        for (int k = 1; k <= a.length; k++) {
            if (!isValidPrefix(java.util.Arrays.copyOf(a, k))) {
                return k - 1;
            }
        }
        return -1;
    }

    /** Feeds one byte at a time; returns the index of the byte that failed, or -1. */
    static int failIndexBytewise(byte[] a) {
        Utf8Validator v = new Utf8Validator();
        for (int i = 0; i < a.length; i++) {
            try {
                v.validate(a, i, 1);
            } catch (ProtocolException e) {
                assertEquals(1007, e.closeCode());
                return i;
            }
        }
        return -1;
    }

    static boolean acceptsSplit(byte[] a, int split, boolean buffers) {
        Utf8Validator v = new Utf8Validator();
        try {
            if (buffers) {
                ByteBuffer first = ByteBuffer.allocateDirect(split);
                first.put(a, 0, split).flip();
                v.validate(first);
                ByteBuffer second = ByteBuffer.wrap(a, split, a.length - split).order(ByteOrder.LITTLE_ENDIAN);
                v.validate(second);
                assertEquals(split, second.position(), "position untouched");
            } else {
                v.validate(a, 0, split);
                v.validate(a, split, a.length - split);
            }
            v.endOfMessage();
            return true;
        } catch (ProtocolException e) {
            assertEquals(1007, e.closeCode());
            return false;
        }
    }

    @ParameterizedTest(name = "{0} fails at byte {1}")
    @CsvSource({
        "f490, 1", "eda0, 1", "e080, 1", "f080, 1", "f08f, 1", "c0, 0", "c1, 0", "f5, 0", "ff, 0", "80, 0",
        "c280c2c2, 3", "41424344454647484980, 9", "e282, -1", "f4808080, -1", "edbfbf80, 1", "eda080, 1", "ee808080, 3",
        "f4908080, 1", "efbfbf, -1", "f0908080, -1", "4142434445464748e0a0, -1"
    })
    void failsAtTheFirstImpossibleByte(String hex, int index) {
        byte[] a = HexFormat.of().parseHex(hex);
        assertEquals(index, failIndexBytewise(a));
        assertEquals(index, expectedFailIndex(a), "the oracle agrees");
    }

    @Test
    void truncatedSequenceFailsAtEndOfMessage() {
        Utf8Validator v = new Utf8Validator();
        v.validate(new byte[] {(byte) 0xE2}, 0, 1);
        v.validate(new byte[] {(byte) 0x82}, 0, 1);
        assertFalse(v.isComplete());
        ProtocolException e = assertThrows(ProtocolException.class, v::endOfMessage);
        assertEquals(1007, e.closeCode());
        // ready for the next message afterwards
        v.validate("ok".getBytes(), 0, 2);
        v.endOfMessage();
    }

    @Test
    void stateCarriesAcrossFragments() {
        Utf8Validator v = new Utf8Validator();
        byte[] euro = {(byte) 0xE2, (byte) 0x82, (byte) 0xAC};
        v.validate(euro, 0, 1);
        v.validate(ByteBuffer.wrap(euro, 1, 1));
        v.validate(euro, 2, 1);
        assertTrue(v.isComplete());
        v.endOfMessage();
        assertTrue(Utf8Validator.isValid("κόσμε 𝄞 €".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Utf8Validator.isValid(new byte[] {(byte) 0xE2, (byte) 0x82}));
    }

    @Test
    void adversarialInputsAgreeWithTheJdk() {
        Random r = new Random(SEED);
        try {
            for (int n = 0; n < 3000; n++) {
                byte[] a = new byte[1 + r.nextInt(12)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : INTERESTING[r.nextInt(INTERESTING.length)]);
                }
                check(a, n % 8 == 0);
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + SEED + " (-Dgannet.seed=" + SEED + ")", e);
        }
    }

    @Test
    void mutatedTextAgreesWithTheJdk() {
        Random r = new Random(SEED + 1);
        try {
            for (int n = 0; n < 400; n++) {
                StringBuilder sb = new StringBuilder();
                int chars = r.nextInt(60);
                for (int i = 0; i < chars; i++) {
                    int kind = r.nextInt(5);
                    int cp = kind <= 1 ? 0x20 + r.nextInt(0x5F)
                            : kind == 2 ? 0x80 + r.nextInt(0x780)
                            : kind == 3 ? 0x800 + r.nextInt(0xF800)
                            : 0x10000 + r.nextInt(0x100000);
                    if (cp >= 0xD800 && cp <= 0xDFFF) {
                        cp = 'x';
                    }
                    sb.appendCodePoint(cp);
                }
                byte[] a = sb.toString().getBytes(StandardCharsets.UTF_8);
                if (a.length > 0 && r.nextInt(4) != 0) {
                    int at = r.nextInt(a.length);
                    switch (r.nextInt(3)) {
                        case 0: a[at] = (byte) INTERESTING[r.nextInt(INTERESTING.length)]; break;
                        case 1: a[at] ^= (byte) (1 << r.nextInt(8)); break;
                        default: a = java.util.Arrays.copyOf(a, at); break;
                    }
                }
                check(a, n % 20 == 0);
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + (SEED + 1) + " (-Dgannet.seed=" + SEED + ")", e);
        }
    }

    private static void check(byte[] a, boolean withOracle) {
        boolean expected = jdkAccepts(a);
        String hex = HexFormat.of().formatHex(a);
        assertEquals(expected, Utf8Validator.isValid(a), hex);
        assertEquals(expected, Utf8Validator.isValid(ByteBuffer.wrap(a)), hex);
        for (int split = 0; split <= a.length; split++) {
            assertEquals(expected, acceptsSplit(a, split, (split & 1) == 0), hex + " split at " + split);
        }
        if (withOracle) {
            assertEquals(expectedFailIndex(a), failIndexBytewise(a), "fail-fast index for " + hex);
        }
    }
}
