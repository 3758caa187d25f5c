package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The buffer contract of {@link FrameListener}: the listener gets the parser's input narrowed to
 * the bytes of the call, whatever it does with the position the parser goes on after those bytes,
 * and the input's limit is back where it was when parse returns, or throws.
 */
class FrameListenerBufferContractTest {

    /** Unmasked server frames: "Hel" (TEXT, not fin), PING "hi", "lo" (CONTINUATION, fin). */
    private static final byte[] WIRE = Recorder.bytes(
            0x01, 0x03, 'H', 'e', 'l',
            0x89, 0x02, 'h', 'i',
            0x80, 0x02, 'l', 'o');

    private static final List<String> EVENTS = List.of(
            "S TEXT 3", "D 48656c", "E", "C PING 6869", "S CONTINUATION fin 2", "D 6c6f", "E");

    /** A recorder that, after recording, moves the position as {@code consume} says. */
    private static Recorder consuming(int consume) {
        return new Recorder() {
            @Override
            public void onDataPayload(ByteBuffer chunk) {
                super.onDataPayload(chunk);
                move(chunk);
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) {
                super.onControlFrame(opcode, payload);
                move(payload);
            }

            private void move(ByteBuffer b) {
                if (consume == 1) {
                    b.get();
                } else if (consume == 2) {
                    b.position(b.limit());
                }
            }
        };
    }

    @Test
    void theParserGoesOnAfterTheChunkWhateverTheListenerConsumed() {
        for (int consume = 0; consume <= 2; consume++) {
            Recorder r = consuming(consume);
            ByteBuffer in = ByteBuffer.allocate(WIRE.length + 10);
            in.position(4); // the input need not start at index 0
            in.put(WIRE).flip().position(4);
            new FrameParser(Role.CLIENT, r).parse(in);
            assertEquals(EVENTS, r.events(), "consume mode " + consume);
            assertEquals(WIRE.length + 4, in.position());
            assertEquals(WIRE.length + 4, in.limit(), "limit restored");
        }
    }

    @Test
    void chunksAndWholeControlFramesAreTheInputItselfNarrowed() {
        ByteBuffer in = ByteBuffer.wrap(WIRE.clone());
        int[] calls = {0};
        new FrameParser(Role.CLIENT, new Recorder() {
            @Override
            public void onDataPayload(ByteBuffer chunk) {
                assertSame(in, chunk);
                int start = calls[0]++ == 0 ? 2 : 11;
                assertEquals(start, chunk.position());
                assertEquals(start + (start == 2 ? 3 : 2), chunk.limit());
                super.onDataPayload(chunk);
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) {
                assertSame(in, payload);
                assertEquals(7, payload.position());
                assertEquals(9, payload.limit());
                super.onControlFrame(opcode, payload);
            }
        }).parse(in);
        assertEquals(2, calls[0]);
    }

    @Test
    void aControlFrameSplitAcrossReadsArrivesInTheParsersOwnBuffer() {
        Recorder r = consuming(2);
        FrameParser parser = new FrameParser(Role.CLIENT, r);
        byte[] wire = WIRE.clone();
        ByteBuffer first = ByteBuffer.wrap(wire, 0, 8); // cuts the PING payload after 'h'
        parser.parse(first);
        ByteBuffer rest = ByteBuffer.wrap(wire, 8, wire.length - 8);
        parser.parse(rest);
        assertEquals(EVENTS, r.events());
        assertEquals(wire.length, rest.position());
        assertEquals(wire.length, rest.limit());
    }

    @Test
    void aThrowingListenerLeavesTheInputConsumedWithItsLimitRestored() {
        ByteBuffer in = ByteBuffer.wrap(WIRE.clone());
        FrameParser parser = new FrameParser(Role.CLIENT, new Recorder() {
            @Override
            public void onDataPayload(ByteBuffer chunk) {
                throw new ProtocolException(CloseCodes.TOO_BIG, "too big");
            }
        });
        assertThrows(ProtocolException.class, () -> parser.parse(in));
        assertEquals(WIRE.length, in.limit(), "limit restored");
        assertEquals(WIRE.length, in.position(), "everything consumed");
        ByteBuffer more = ByteBuffer.wrap(WIRE.clone());
        parser.parse(more); // discarded after a failure
        assertFalse(more.hasRemaining());
    }

    @Test
    void aBadClosePayloadFailsWithTheInputRestored() {
        byte[] wire = Recorder.bytes(0x88, 0x02, 0x03, 0xEC); // code 1004 is reserved
        ByteBuffer in = ByteBuffer.wrap(wire);
        Recorder r = new Recorder();
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new FrameParser(Role.CLIENT, r).parse(in));
        assertEquals(CloseCodes.PROTOCOL_ERROR, e.closeCode());
        assertEquals(wire.length, in.limit());
        assertEquals(wire.length, in.position());
        assertEquals(List.of(), r.events());
    }
}
