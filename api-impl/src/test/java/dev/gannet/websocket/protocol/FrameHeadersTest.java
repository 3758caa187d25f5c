package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Header writing at the length-form borders, and the opcode classification. */
class FrameHeadersTest {

    private static byte[] header(boolean fin, int rsv, int opcode, long length, boolean masked, int key, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(FrameHeaders.MAX_HEADER_LENGTH).order(order);
        FrameHeaders.write(b, fin, rsv, opcode, length, masked, key);
        assertEquals(FrameHeaders.headerLength(length, masked), b.position());
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void lengthForms() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            assertArrayEquals(Recorder.bytes(0x82, 0), header(true, 0, 2, 0, false, 0, order));
            assertArrayEquals(Recorder.bytes(0x82, 125), header(true, 0, 2, 125, false, 0, order));
            assertArrayEquals(Recorder.bytes(0x82, 126, 0, 126), header(true, 0, 2, 126, false, 0, order));
            assertArrayEquals(Recorder.bytes(0x02, 126, 0xFF, 0xFF), header(false, 0, 2, 65535, false, 0, order));
            assertArrayEquals(Recorder.bytes(0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0), header(true, 0, 2, 65536, false, 0, order));
            assertArrayEquals(Recorder.bytes(0x82, 127, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),
                    header(true, 0, 2, Long.MAX_VALUE, false, 0, order));
            assertArrayEquals(Recorder.bytes(0xC1, 0xFE, 0x01, 0x00, 0x01, 0x02, 0x03, 0x04),
                    header(true, 0b100, 1, 256, true, 0x01020304, order));
            assertArrayEquals(Recorder.bytes(0xF0, 0x80, 0xAA, 0xBB, 0xCC, 0xDD),
                    header(true, 0b111, 0, 0, true, 0xAABBCCDD, order));
        }
        assertEquals(14, FrameHeaders.headerLength(1L << 40, true));
        assertEquals(2, FrameHeaders.headerLength(0, false));
        assertEquals(8, FrameHeaders.headerLength(65535, true));
    }

    @Test
    void rejectsWhatCannotBeSent() {
        ByteBuffer b = ByteBuffer.allocate(14);
        assertThrows(IllegalArgumentException.class, () -> FrameHeaders.write(b, true, 8, 1, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameHeaders.write(b, true, 0, 16, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameHeaders.write(b, true, 0, 1, -1, false, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameHeaders.write(b, true, 0, OpCode.PING, 126, false, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameHeaders.write(b, false, 0, OpCode.CLOSE, 2, false, 0));
        assertEquals(0, b.position());
    }

    @Test
    void opcodeClassification() {
        for (int op = 0; op < 16; op++) {
            assertEquals(op >= 8, OpCode.isControl(op), "control " + op);
            assertEquals(op < 8, OpCode.isData(op), "data " + op);
            boolean known = op == 0 || op == 1 || op == 2 || op == 8 || op == 9 || op == 10;
            assertEquals(known, OpCode.isKnown(op), "known " + op);
        }
        assertFalse(OpCode.isControl(16));
        assertFalse(OpCode.isData(-1));
        assertTrue(OpCode.name(3).startsWith("RESERVED"));
        assertEquals("PONG", OpCode.name(OpCode.PONG));
    }
}
