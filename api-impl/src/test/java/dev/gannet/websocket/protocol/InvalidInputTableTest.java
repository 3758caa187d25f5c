package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid inputs through a whole receive path (parser, inflater, UTF-8 validator, size limit),
 * each with the close code RFC 6455 prescribes: 1002 for framing, 1007 for bad text, 1009 for a
 * message too big. Text is rejected as soon as the bad byte arrives, in the middle of a frame
 * included, which the byte-at-a-time run checks against the index given in the table.
 */
class InvalidInputTableTest {

    private static final long LIMIT = 64 * 1024;

    /** An unmasked frame as a server would send it to our client. */
    private static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(FrameHeaders.headerLength(payload.length, false) + payload.length);
        FrameHeaders.write(b, fin, rsv, opcode, payload.length, false, 0);
        return b.put(payload).array();
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    private static byte[] compress(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MessageDeflater d = new MessageDeflater(false)) {
            d.deflate(ByteBuffer.wrap(message), true, chunk -> {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                out.writeBytes(b);
            });
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        return FrameRfcExamplesTest.concat(parts);
    }

    static Stream<Arguments> table() {
        byte[] bomb = compress(new byte[1 << 20]);
        return Stream.of(
                // name, deflate negotiated, wire, code, index of the byte at which it must fail (-1: don't check)
                Arguments.of("reserved opcode", false, hex("8300"), 1002, 0),
                Arguments.of("RSV1 without permessage-deflate", false, frame(true, 4, OpCode.TEXT, hex("41")), 1002, 0),
                Arguments.of("RSV2 with permessage-deflate", true, frame(true, 2, OpCode.TEXT, hex("41")), 1002, 0),
                Arguments.of("ping over 125 bytes", false, hex("897e007e"), 1002, 1),
                Arguments.of("continuation first", false, frame(true, 0, OpCode.CONTINUATION, hex("41")), 1002, 0),
                Arguments.of("text during a fragmented binary", false,
                        concat(frame(false, 0, OpCode.BINARY, hex("00")), frame(true, 0, OpCode.TEXT, hex("41"))), 1002, 3),
                Arguments.of("close code 1005 on the wire", false, frame(true, 0, OpCode.CLOSE, hex("03ed")), 1002, 3),
                Arguments.of("close with 1 byte", false, frame(true, 0, OpCode.CLOSE, hex("03")), 1002, 2),
                Arguments.of("text with a surrogate, mid-frame", false,
                        frame(true, 0, OpCode.TEXT, hex("4142eda080434445")), 1007, 5),
                Arguments.of("text with F4 90, mid-frame", false,
                        frame(true, 0, OpCode.TEXT, hex("41f490808041")), 1007, 4),
                Arguments.of("text with an overlong E0 80", false, frame(true, 0, OpCode.TEXT, hex("e080af")), 1007, 3),
                Arguments.of("text with C0 AF", false, frame(true, 0, OpCode.TEXT, hex("c0af")), 1007, 2),
                Arguments.of("text with a code point over U+10FFFF", false,
                        frame(true, 0, OpCode.TEXT, hex("f5808080")), 1007, 2),
                Arguments.of("sequence split across fragments, bad in the second", false,
                        concat(frame(false, 0, OpCode.TEXT, hex("41f4")), frame(true, 0, OpCode.CONTINUATION, hex("9080"))),
                        1007, 6),
                Arguments.of("sequence truncated at the final fragment", false,
                        concat(frame(false, 0, OpCode.TEXT, hex("41e2")), frame(true, 0, OpCode.CONTINUATION, hex("82"))),
                        1007, 6),
                Arguments.of("compressed text that inflates to bad UTF-8", true,
                        frame(true, 4, OpCode.TEXT, compress(hex("41424344c0af"))), 1007, -1),
                Arguments.of("compressed 1 MiB from about 1 KiB, limit 64 KiB", true,
                        frame(true, 4, OpCode.BINARY, bomb), 1009, -1),
                Arguments.of("uncompressed message over the limit, refused at its header", false,
                        hex("827f0000000000010001"), 1009, 9),
                Arguments.of("fragments adding up over the limit", false,
                        concat(frame(false, 0, OpCode.BINARY, new byte[40_000]),
                                hex("007e"), new byte[] {(byte) 0x9C, 0x40}), 1009, 40_007)
        );
    }

    @Test
    void validCounterpartsPass() {
        byte[] euro = hex("e282ac");
        byte[] wire = concat(
                frame(false, 0, OpCode.TEXT, hex("41e2")), frame(false, 0, OpCode.CONTINUATION, hex("82")),
                hex("8900"), frame(true, 0, OpCode.CONTINUATION, hex("ac42")),
                frame(true, 4, OpCode.TEXT, compress(concat(euro, euro, hex("f48fbfbf")))),
                frame(true, 4, OpCode.BINARY, compress(new byte[(int) LIMIT])),
                frame(true, 0, OpCode.BINARY, new byte[(int) LIMIT]));
        MiniReceiver r = new MiniReceiver(Role.CLIENT, true, LIMIT);
        r.parser.parse(ByteBuffer.wrap(wire.clone()));
        assertEquals(4, r.messages);
        MiniReceiver bytewise = new MiniReceiver(Role.CLIENT, true, LIMIT);
        for (int i = 0; i < wire.length; i++) {
            bytewise.parser.parse(ByteBuffer.wrap(wire, i, 1));
        }
        assertEquals(4, bytewise.messages);
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("table")
    void failsWithTheRfcCode(String name, boolean deflate, byte[] wire, int code, int index) {
        MiniReceiver whole = new MiniReceiver(Role.CLIENT, deflate, LIMIT);
        ProtocolException e = assertThrows(ProtocolException.class, () -> whole.parser.parse(ByteBuffer.wrap(wire.clone())));
        assertEquals(code, e.closeCode(), e.getMessage());

        MiniReceiver bytewise = new MiniReceiver(Role.CLIENT, deflate, LIMIT);
        byte[] copy = wire.clone();
        for (int i = 0; i < copy.length; i++) {
            try {
                bytewise.parser.parse(ByteBuffer.wrap(copy, i, 1));
            } catch (ProtocolException failure) {
                assertEquals(code, failure.closeCode(), failure.getMessage());
                if (index >= 0) {
                    assertEquals(index, i, "fails at the byte that shows it: " + failure.getMessage());
                }
                return;
            }
        }
        fail("no failure when fed byte by byte");
    }
}
