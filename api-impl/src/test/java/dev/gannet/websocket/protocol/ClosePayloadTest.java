package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Close codes and Close frame bodies (RFC 6455 §5.5.1, §7.4). */
class ClosePayloadTest {

    @Test
    void sendableCodes() {
        for (int code = 0; code < 70_000; code++) {
            boolean expected = code == 1000 || code == 1001 || code == 1002 || code == 1003
                    || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
            assertEquals(expected, CloseCodes.isSendable(code), "code " + code);
        }
        assertFalse(CloseCodes.isSendable(CloseCodes.NO_STATUS));
        assertFalse(CloseCodes.isSendable(CloseCodes.ABNORMAL));
        assertFalse(CloseCodes.isSendable(CloseCodes.TLS));
        assertFalse(CloseCodes.isSendable(1004));
    }

    @Test
    void emptyBodyIsNoStatus() {
        assertEquals(new ClosePayload(1005, ""), ClosePayload.parse(ByteBuffer.allocate(0)));
    }

    @Test
    void oneByteBodyIs1002() {
        assertEquals(1002, assertThrows(ProtocolException.class,
                () -> ClosePayload.parse(ByteBuffer.wrap(new byte[] {3}))).closeCode());
    }

    @Test
    void codeAndReason() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {9, 9, 0x0F, (byte) 0xA0, 'b', 'y', 'e', 9});
        b.position(2).limit(7);
        assertEquals(new ClosePayload(4000, "bye"), ClosePayload.parse(b));
        assertEquals(2, b.position(), "position untouched");
    }

    @Test
    void badCodesAre1002AndBadReasonsAre1007() {
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535}) {
            ByteBuffer b = ByteBuffer.wrap(new byte[] {(byte) (code >>> 8), (byte) code});
            assertEquals(1002, assertThrows(ProtocolException.class, () -> ClosePayload.parse(b)).closeCode(), "" + code);
        }
        ByteBuffer badUtf8 = ByteBuffer.wrap(new byte[] {0x03, (byte) 0xE8, (byte) 0xC0, (byte) 0x80});
        assertEquals(1007, assertThrows(ProtocolException.class, () -> ClosePayload.parse(badUtf8)).closeCode());
        ByteBuffer truncated = ByteBuffer.wrap(new byte[] {0x03, (byte) 0xE8, (byte) 0xE2, (byte) 0x82});
        assertEquals(1007, assertThrows(ProtocolException.class, () -> ClosePayload.parse(truncated)).closeCode());
        ByteBuffer tooLong = ByteBuffer.allocate(126).put(0, (byte) 0x03).put(1, (byte) 0xE8);
        assertEquals(1002, assertThrows(ProtocolException.class, () -> ClosePayload.parse(tooLong)).closeCode());
    }

    @Test
    void writeRoundTrips() {
        ByteBuffer b = ByteBuffer.allocate(125);
        assertEquals(2 + 4, ClosePayload.write(b, 1001, "κok"));
        b.flip();
        assertEquals(new ClosePayload(1001, "κok"), ClosePayload.parse(b));
        ByteBuffer none = ByteBuffer.allocate(125);
        assertEquals(0, ClosePayload.write(none, CloseCodes.NO_STATUS, "ignored"));
        assertEquals(0, none.position());
        assertEquals(2, ClosePayload.write(none, 1000, null));
        assertThrows(IllegalArgumentException.class, () -> ClosePayload.write(ByteBuffer.allocate(125), 1006, ""));
        assertThrows(IllegalArgumentException.class, () -> ClosePayload.write(ByteBuffer.allocate(125), 2000, ""));
    }

    @Test
    void longReasonsAreCutAtACharacterBoundary() {
        // 'a' then 3-byte characters: 123 bytes would split the 41st euro sign.
        String reason = "a" + "€".repeat(60);
        ByteBuffer b = ByteBuffer.allocate(125);
        int n = ClosePayload.write(b, 1000, reason);
        assertTrue(n <= 125);
        assertEquals(2 + 1 + 3 * 40, n);
        b.flip();
        ClosePayload parsed = ClosePayload.parse(b);
        assertEquals("a" + "€".repeat(40), parsed.reason());
        // 4-byte characters (surrogate pairs in Java) are never split either.
        String clefs = "𝄞".repeat(40);
        ByteBuffer c = ByteBuffer.allocate(125);
        assertEquals(2 + 120, ClosePayload.write(c, 1000, clefs));
        assertEquals("𝄞".repeat(30), ClosePayload.parse(c.flip()).reason());
        String ascii = "x".repeat(200);
        ByteBuffer d = ByteBuffer.allocate(125);
        assertEquals(125, ClosePayload.write(d, 1000, ascii));
        assertEquals(123, ClosePayload.parse(d.flip()).reason().getBytes(StandardCharsets.UTF_8).length);
    }
}
