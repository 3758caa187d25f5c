package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Invalid frame sequences, each with the close code RFC 6455 prescribes and the index of the byte
 * at which the violation becomes visible: the parser must fail exactly there when fed one byte at
 * a time, and with the same code when fed whole.
 */
class FrameParserViolationsTest {

    private static final int K0 = 0x11, K1 = 0x22, K2 = 0x33, K3 = 0x44;

    static Stream<Arguments> violations() {
        return Stream.of(
                // name, role, allowRsv1, bytes, close code, index of the first byte showing it
                row("reserved opcode 0x3", Role.CLIENT, false, b(0x83, 0x00), 1002, 0),
                row("reserved opcode 0x7", Role.CLIENT, false, b(0x87, 0x00), 1002, 0),
                row("reserved opcode 0xB", Role.CLIENT, false, b(0x8B, 0x00), 1002, 0),
                row("reserved opcode 0xF", Role.CLIENT, false, b(0x8F, 0x00), 1002, 0),
                row("RSV1 with no extension", Role.CLIENT, false, b(0xC1, 0x00), 1002, 0),
                row("RSV2", Role.CLIENT, true, b(0xA1, 0x00), 1002, 0),
                row("RSV3", Role.CLIENT, true, b(0x91, 0x00), 1002, 0),
                row("RSV1+RSV2 with deflate", Role.CLIENT, true, b(0xE1, 0x00), 1002, 0),
                row("RSV1 on a control frame with deflate", Role.CLIENT, true, b(0xC9, 0x00), 1002, 0),
                row("RSV1 on a continuation with deflate", Role.CLIENT, true,
                        b(0x41, 0x01, 'a', 0xC0, 0x01, 'b'), 1002, 3),
                row("fragmented ping", Role.CLIENT, false, b(0x09, 0x00), 1002, 0),
                row("fragmented close", Role.CLIENT, false, b(0x08, 0x00), 1002, 0),
                row("ping of 126 bytes (16-bit length)", Role.CLIENT, false, b(0x89, 0x7E, 0x00, 0x7E), 1002, 1),
                row("pong with 64-bit length", Role.CLIENT, false, b(0x8A, 0x7F), 1002, 1),
                row("64-bit length with the top bit set", Role.CLIENT, false,
                        b(0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0), 1002, 2),
                row("64-bit length 0xFF..", Role.CLIENT, false,
                        b(0x82, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), 1002, 2),
                row("non-minimal 16-bit length (125)", Role.CLIENT, false, b(0x82, 0x7E, 0x00, 0x7D), 1002, 3),
                row("non-minimal 64-bit length (65535)", Role.CLIENT, false,
                        b(0x82, 0x7F, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF), 1002, 9),
                row("unmasked frame to a server", Role.SERVER, false, b(0x81, 0x01, 'a'), 1002, 1),
                row("masked frame to a client", Role.CLIENT, false, b(0x81, 0x81, K0, K1, K2, K3, 'a'), 1002, 1),
                row("continuation with no message", Role.CLIENT, false, b(0x80, 0x01, 'a'), 1002, 0),
                row("unfinished continuation with no message", Role.CLIENT, false, b(0x00, 0x00), 1002, 0),
                row("text inside a fragmented message", Role.CLIENT, false,
                        b(0x01, 0x01, 'a', 0x81, 0x01, 'b'), 1002, 3),
                row("binary inside a fragmented message, after a ping", Role.CLIENT, false,
                        b(0x02, 0x00, 0x89, 0x00, 0x82, 0x00), 1002, 4),
                row("continuation after a finished message", Role.CLIENT, false,
                        b(0x01, 0x01, 'a', 0x80, 0x01, 'b', 0x80, 0x00), 1002, 6),
                row("close with a 1-byte body", Role.CLIENT, false, b(0x88, 0x01, 0x03), 1002, 2),
                row("close code 0", Role.CLIENT, false, close(0), 1002, 3),
                row("close code 999", Role.CLIENT, false, close(999), 1002, 3),
                row("close code 1004", Role.CLIENT, false, close(1004), 1002, 3),
                row("close code 1005", Role.CLIENT, false, close(1005), 1002, 3),
                row("close code 1006", Role.CLIENT, false, close(1006), 1002, 3),
                row("close code 1015", Role.CLIENT, false, close(1015), 1002, 3),
                row("close code 1016", Role.CLIENT, false, close(1016), 1002, 3),
                row("close code 2999", Role.CLIENT, false, close(2999), 1002, 3),
                row("close code 5000", Role.CLIENT, false, close(5000), 1002, 3),
                row("close code 65535", Role.CLIENT, false, close(65535), 1002, 3),
                row("close reason not UTF-8", Role.CLIENT, false, b(0x88, 0x05, 0x03, 0xE8, 0xCE, 0xBA, 0x80), 1007, 6),
                row("close reason with a surrogate", Role.CLIENT, false,
                        b(0x88, 0x05, 0x03, 0xE8, 0xED, 0xA0, 0x80), 1007, 6),
                row("close reason truncated", Role.CLIENT, false, b(0x88, 0x03, 0x03, 0xE8, 0xCE), 1007, 4),
                row("masked close code 1005 to a server", Role.SERVER, false,
                        masked(0x88, b(0x03, 0xED)), 1002, 7)
        );
    }

    private static Arguments row(String name, Role role, boolean rsv1, byte[] bytes, int code, int index) {
        return Arguments.of(name, role, rsv1, bytes, code, index);
    }

    private static byte[] b(int... v) {
        return Recorder.bytes(v);
    }

    private static byte[] close(int code) {
        return b(0x88, 0x02, code >>> 8 & 0xFF, code & 0xFF);
    }

    private static byte[] masked(int b0, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(6 + payload.length);
        int key = 0x11223344;
        FrameHeaders.write(out, (b0 & 0x80) != 0, (b0 >>> 4) & 7, b0 & 0xF, payload.length, true, key);
        int p = out.position();
        out.put(payload);
        Masking.mask(out, p, out.position(), key, 0);
        return out.array();
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("violations")
    void failsWithTheRfcCode(String name, Role role, boolean rsv1, byte[] bytes, int code, int index) {
        FrameParser whole = new FrameParser(role, new Recorder());
        whole.allowRsv1(rsv1);
        ProtocolException e = assertThrows(ProtocolException.class, () -> whole.parse(ByteBuffer.wrap(bytes.clone())));
        assertEquals(code, e.closeCode(), e.getMessage());

        FrameParser bytewise = new FrameParser(role, new Recorder());
        bytewise.allowRsv1(rsv1);
        byte[] copy = bytes.clone();
        for (int i = 0; i < copy.length; i++) {
            try {
                bytewise.parse(ByteBuffer.wrap(copy, i, 1));
            } catch (ProtocolException failure) {
                assertEquals(code, failure.closeCode(), failure.getMessage());
                if (index >= 0) {
                    assertEquals(index, i, "fails at the first byte that shows the violation: " + failure.getMessage());
                }
                return;
            }
        }
        fail("no failure when fed byte by byte");
    }

    @Test
    void afterAFailureFurtherInputIsDiscarded() {
        Recorder r = new Recorder();
        FrameParser p = new FrameParser(Role.CLIENT, r);
        assertThrows(ProtocolException.class, () -> p.parse(ByteBuffer.wrap(b(0x83, 0x00))));
        ByteBuffer more = ByteBuffer.wrap(b(0x81, 0x01, 'a'));
        p.parse(more);
        assertEquals(more.limit(), more.position());
        assertEquals(List.of(), r.events());
    }

    @Test
    void framesBeforeTheViolationAreDelivered() {
        Recorder r = new Recorder();
        FrameParser p = new FrameParser(Role.CLIENT, r);
        assertThrows(ProtocolException.class, () -> p.parse(ByteBuffer.wrap(b(0x81, 0x01, 'a', 0x89, 0x00, 0x8F, 0x00))));
        assertEquals(List.of("S TEXT fin 1", "D 61", "E", "C PING "), r.events());
    }

    @Test
    void nothingIsDeliveredAfterAClose() {
        Recorder r = new Recorder();
        FrameParser p = new FrameParser(Role.CLIENT, r);
        p.parse(ByteBuffer.wrap(b(0x89, 0x00, 0x88, 0x02, 0x03, 0xE8, 0x81, 0x01)));
        ByteBuffer more = ByteBuffer.wrap(b('a', 0x8F, 0x00, 0x89, 0x00));
        p.parse(more);
        assertEquals(more.limit(), more.position());
        assertEquals(List.of("C PING ", "C CLOSE 03e8"), r.events());
    }

    @Test
    void rsv1IsAcceptedOnTheFirstFrameOnceDeflateIsNegotiated() {
        byte[] wire = b(0x41, 0x01, 'a', 0x80, 0x01, 'b');
        assertEquals(List.of("S TEXT rsv1 1", "D 61", "E", "S CONTINUATION fin 1", "D 62", "E"),
                Recorder.parse(Role.CLIENT, wire, true));
    }

    @Test
    void largestLengthsAreAccepted() {
        Recorder r = new Recorder();
        FrameParser p = new FrameParser(Role.CLIENT, r);
        p.parse(ByteBuffer.wrap(b(0x82, 0x7F, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 'x')));
        assertEquals(List.of("S BINARY fin 9223372036854775807", "D 78"), r.events());
    }
}
