package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser's buffer for control frames split across reads exists only once such a frame came:
 * whole control frames, empty ones included, are delivered from the input without it, and a
 * split one is delivered identically whether the buffer was new or reused.
 */
class FrameParserControlBufferTest {

    private static final int KEY = 0x37fa213d;

    /** A masked PING from a client carrying {@code payload}. */
    private static byte[] maskedPing(byte[] payload) {
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x89;
        frame[1] = (byte) (0x80 | payload.length);
        frame[2] = (byte) (KEY >>> 24);
        frame[3] = (byte) (KEY >>> 16);
        frame[4] = (byte) (KEY >>> 8);
        frame[5] = (byte) KEY;
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ frame[2 + (i & 3)]);
        }
        return frame;
    }

    @Test
    void wholeAndEmptyControlFramesNeedNoBuffer() {
        Recorder r = new Recorder();
        FrameParser parser = new FrameParser(Role.SERVER, r);
        assertFalse(parser.hasControlBuffer(), "a new parser holds no control buffer");
        parser.parse(ByteBuffer.wrap(maskedPing("Hello".getBytes())));
        parser.parse(ByteBuffer.wrap(maskedPing(new byte[0])));
        assertEquals(List.of("C PING 48656c6c6f", "C PING "), r.events());
        assertFalse(parser.hasControlBuffer(), "whole control frames are delivered from the input");
    }

    @Test
    void splitControlFramesAreGatheredInABufferCreatedOnceAndReused() {
        Recorder r = new Recorder();
        FrameParser parser = new FrameParser(Role.SERVER, r);
        byte[] first = maskedPing("split ping".getBytes());
        parser.parse(ByteBuffer.wrap(first, 0, 9));
        assertTrue(parser.hasControlBuffer(), "the first split control frame creates the buffer");
        parser.parse(ByteBuffer.wrap(first, 9, first.length - 9));
        // A whole one after it must not see the buffer's leftovers; then another split one, at
        // another point (inside the mask key), reuses the buffer.
        parser.parse(ByteBuffer.wrap(maskedPing("whole".getBytes())));
        byte[] second = maskedPing("again".getBytes());
        parser.parse(ByteBuffer.wrap(second, 0, 4));
        parser.parse(ByteBuffer.wrap(second, 4, 4));
        parser.parse(ByteBuffer.wrap(second, 8, second.length - 8));
        assertEquals(List.of("C PING 73706c69742070696e67", "C PING 77686f6c65", "C PING 616761696e"), r.events());
    }
}
