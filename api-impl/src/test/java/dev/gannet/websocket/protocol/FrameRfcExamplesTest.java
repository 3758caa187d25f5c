package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of RFC 6455 §5.7, byte for byte, through the parser and the writer. */
class FrameRfcExamplesTest {

    private static final int KEY = 0x37fa213d;
    private static final String HELLO = "48656c6c6f";

    private static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked, int key) {
        ByteBuffer b = ByteBuffer.allocate(FrameHeaders.headerLength(payload.length, masked) + payload.length);
        FrameHeaders.write(b, fin, 0, opcode, payload.length, masked, key);
        int start = b.position();
        b.put(payload);
        if (masked) {
            Masking.mask(b, start, b.position(), key, 0);
        }
        return b.array();
    }

    private static final byte[] HELLO_BYTES = HexFormat.of().parseHex(HELLO);

    @Test
    void unmaskedHello() {
        byte[] wire = Recorder.bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
        assertArrayEquals(wire, frame(true, OpCode.TEXT, HELLO_BYTES, false, 0));
        List<String> expected = List.of("S TEXT fin 5", "D " + HELLO, "E");
        assertEquals(expected, Recorder.parse(Role.CLIENT, wire));
        assertEquals(expected, Recorder.parseBytewise(Role.CLIENT, wire));
    }

    @Test
    void maskedHello() {
        byte[] wire = Recorder.bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
        assertArrayEquals(wire, frame(true, OpCode.TEXT, HELLO_BYTES, true, KEY));
        List<String> expected = List.of("S TEXT fin 5", "D " + HELLO, "E");
        assertEquals(expected, Recorder.parse(Role.SERVER, wire));
        assertEquals(expected, Recorder.parseBytewise(Role.SERVER, wire));
    }

    @Test
    void fragmentedHelloUnmasked() {
        byte[] first = Recorder.bytes(0x01, 0x03, 0x48, 0x65, 0x6c);
        byte[] second = Recorder.bytes(0x80, 0x02, 0x6c, 0x6f);
        assertArrayEquals(first, frame(false, OpCode.TEXT, "Hel".getBytes(), false, 0));
        assertArrayEquals(second, frame(true, OpCode.CONTINUATION, "lo".getBytes(), false, 0));
        byte[] wire = concat(first, second);
        List<String> expected = List.of("S TEXT 3", "D 48656c", "E", "S CONTINUATION fin 2", "D 6c6f", "E");
        assertEquals(expected, Recorder.parse(Role.CLIENT, wire));
        assertEquals(expected, Recorder.parseBytewise(Role.CLIENT, wire));
    }

    @Test
    void unmaskedPing() {
        byte[] wire = Recorder.bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
        assertArrayEquals(wire, frame(true, OpCode.PING, HELLO_BYTES, false, 0));
        assertEquals(List.of("C PING " + HELLO), Recorder.parse(Role.CLIENT, wire));
        assertEquals(List.of("C PING " + HELLO), Recorder.parseBytewise(Role.CLIENT, wire));
    }

    @Test
    void maskedPong() {
        byte[] wire = Recorder.bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
        assertArrayEquals(wire, frame(true, OpCode.PONG, HELLO_BYTES, true, KEY));
        assertEquals(List.of("C PONG " + HELLO), Recorder.parse(Role.SERVER, wire));
        assertEquals(List.of("C PONG " + HELLO), Recorder.parseBytewise(Role.SERVER, wire));
    }

    @Test
    void binary256() {
        byte[] payload = new byte[256];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7 + 3);
        }
        byte[] header = Recorder.bytes(0x82, 0x7E, 0x01, 0x00);
        byte[] wire = concat(header, payload);
        assertArrayEquals(wire, frame(true, OpCode.BINARY, payload, false, 0));
        List<String> expected = List.of("S BINARY fin 256", "D " + HexFormat.of().formatHex(payload), "E");
        assertEquals(expected, Recorder.parse(Role.CLIENT, wire));
        assertEquals(expected, Recorder.parseBytewise(Role.CLIENT, wire));
    }

    @Test
    void binary64KiB() {
        byte[] payload = new byte[65536];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i ^ (i >>> 8));
        }
        byte[] header = Recorder.bytes(0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00);
        byte[] wire = concat(header, payload);
        assertArrayEquals(wire, frame(true, OpCode.BINARY, payload, false, 0));
        List<String> expected = List.of("S BINARY fin 65536", "D " + HexFormat.of().formatHex(payload), "E");
        assertEquals(expected, Recorder.parse(Role.CLIENT, wire));
        Recorder r = new Recorder();
        new FrameParser(Role.CLIENT, r).parse(ByteBuffer.wrap(wire));
        assertEquals(1, r.payloadCalls, "a payload wholly in the input is one slice");
    }

    @Test
    void payloadIsASliceOfTheInputNotACopy() {
        byte[] wire = Recorder.bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
        ByteBuffer in = ByteBuffer.wrap(wire);
        new FrameParser(Role.SERVER, new Recorder() {
            @Override
            public void onDataPayload(ByteBuffer chunk) {
                assertEquals(0, chunk.position());
                chunk.put(0, (byte) 'J'); // writes through to the input
                super.onDataPayload(chunk);
            }
        }).parse(in);
        assertEquals(in.limit(), in.position());
        assertArrayEquals("Jello".getBytes(), Arrays.copyOfRange(wire, 6, 11), "unmasked in place");
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
