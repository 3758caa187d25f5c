package dev.gannet.bench.load;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientFramesTest {

    @Test
    void framesUnmaskToThePayloadWithThePatchedSequence() {
        for (int size : new int[] {32, 125, 126, 1024, 65535, 65536}) {
            for (boolean binary : new boolean[] {false, true}) {
                MessageTemplate template = new MessageTemplate(size, binary, 7);
                byte[] frame = ClientFrames.frame(template.payloadFor(0), size, binary, false);
                int offset = ClientFrames.payloadOffset(frame);
                assertEquals(frame.length - size, offset);
                assertEquals(binary ? 0x82 : 0x81, frame[0] & 0xFF);
                assertTrue((frame[1] & 0x80) != 0, "client frames are masked");
                ClientFrames.patchSeq(frame, offset, template, 123_456_789L, new byte[MessageTemplate.SEQ_BYTES]);
                byte[] unmasked = new byte[size];
                for (int i = 0; i < size; i++) {
                    unmasked[i] = (byte) (frame[offset + i] ^ frame[offset - 4 + (i & 3)]);
                }
                assertArrayEquals(template.payloadFor(123_456_789L), unmasked);
                assertTrue(template.matches(unmasked, size, 123_456_789L));
                assertFalse(template.matches(unmasked, size, 123_456_788L));
            }
        }
    }

    @Test
    void templateRejectsAlteredPayloads() {
        MessageTemplate template = new MessageTemplate(1024, false, 3);
        byte[] payload = template.payloadFor(5);
        assertTrue(template.matches(payload, payload.length, 5));
        byte[] altered = payload.clone();
        altered[700] ^= 1;
        assertFalse(template.matches(altered, altered.length, 5));
        assertFalse(template.matches(Arrays.copyOf(payload, 1023), 1023, 5));
    }

    @Test
    void deflateRoundTripsWithTheTailRestored() throws Exception {
        Deflate deflate = new Deflate(false);
        try {
            MessageTemplate template = new MessageTemplate(1024, false, 9);
            for (long seq = 0; seq < 5; seq++) {
                byte[] payload = template.payloadFor(seq);
                byte[] compressed = deflate.compress(payload);
                assertTrue(compressed.length < payload.length);
                deflate.decompress(compressed, compressed.length);
                assertTrue(template.matches(deflate.out(), deflate.outLength(), seq));
            }
        } finally {
            deflate.release();
        }
    }

    @Test
    void acceptKeyMatchesRfc6455Example() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", RawWebSocket.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
    }
}
