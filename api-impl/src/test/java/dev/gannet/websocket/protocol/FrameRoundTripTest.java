package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests: random frame sequences written with FrameHeaders and Masking parse back to the
 * same events whatever the split points, byte order, buffer kind or offset of the input.
 */
class FrameRoundTripTest {

    private static final long BASE_SEED = Long.getLong("gannet.seed", System.nanoTime());

    /** A generated frame sequence: the wire bytes and the events the parser must report. */
    private static final class Sample {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final List<String> expected = new ArrayList<>();
    }

    private static int randomLength(Random r, boolean big) {
        switch (r.nextInt(big ? 8 : 2) + (big ? 0 : 6)) {
            case 0: return 0;
            case 1: return 125 + r.nextInt(3);          // around the 7/16-bit border
            case 2: return 65535 + r.nextInt(3);        // around the 16/64-bit border
            case 3: return r.nextInt(70_000);
            default: return r.nextInt(200);
        }
    }

    private static void frame(Random r, Sample s, boolean masked, boolean fin, boolean rsv1, int opcode, byte[] payload) {
        int key = r.nextInt();
        ByteBuffer b = ByteBuffer.allocate(FrameHeaders.headerLength(payload.length, masked) + payload.length);
        FrameHeaders.write(b, fin, rsv1 ? 0b100 : 0, opcode, payload.length, masked, key);
        int start = b.position();
        b.put(payload);
        if (masked) {
            Masking.mask(b, start, b.position(), key, 0);
        }
        s.wire.writeBytes(b.array());
    }

    private static Sample generate(Random r, boolean masked, boolean deflate, int messages, boolean big) {
        Sample s = new Sample();
        for (int m = 0; m < messages; m++) {
            int fragments = 1 + (r.nextInt(3) == 0 ? r.nextInt(4) : 0);
            int opcode = r.nextBoolean() ? OpCode.TEXT : OpCode.BINARY;
            boolean rsv1 = deflate && r.nextBoolean();
            for (int f = 0; f < fragments; f++) {
                if (r.nextInt(4) == 0) {
                    control(r, s, masked);
                }
                byte[] payload = new byte[randomLength(r, big)];
                r.nextBytes(payload);
                boolean fin = f == fragments - 1;
                int op = f == 0 ? opcode : OpCode.CONTINUATION;
                boolean bit = f == 0 && rsv1;
                frame(r, s, masked, fin, bit, op, payload);
                s.expected.add("S " + OpCode.name(op) + (fin ? " fin" : "") + (bit ? " rsv1" : "") + " " + payload.length);
                if (payload.length > 0) {
                    s.expected.add("D " + HexFormat.of().formatHex(payload));
                }
                s.expected.add("E");
            }
        }
        return s;
    }

    private static void control(Random r, Sample s, boolean masked) {
        int op = r.nextBoolean() ? OpCode.PING : OpCode.PONG;
        byte[] payload;
        if (r.nextInt(5) == 0) {
            op = OpCode.CLOSE;
            ByteBuffer b = ByteBuffer.allocate(125);
            ClosePayload.write(b, 1000 + r.nextInt(4), "bye ✓".repeat(r.nextInt(30)));
            payload = new byte[b.flip().remaining()];
            b.get(payload);
        } else {
            payload = new byte[r.nextInt(126)];
            r.nextBytes(payload);
        }
        frame(r, s, masked, true, false, op, payload);
        s.expected.add("C " + OpCode.name(op) + " " + HexFormat.of().formatHex(payload));
    }

    /** Feeds {@code wire} in random pieces, each in a buffer of random kind, order and offset. */
    private static List<String> parseSplit(Random r, Role role, boolean deflate, byte[] wire, int maxPiece) {
        Recorder rec = new Recorder();
        FrameParser parser = new FrameParser(role, rec);
        parser.allowRsv1(deflate);
        int i = 0;
        while (i < wire.length) {
            int n = Math.min(wire.length - i, 1 + r.nextInt(maxPiece));
            int offset = r.nextInt(9);
            ByteBuffer b = r.nextInt(8) != 0 ? ByteBuffer.allocate(offset + n + 3) : ByteBuffer.allocateDirect(offset + n + 3);
            b.order(r.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            b.position(offset);
            b.put(wire, i, n);
            b.position(offset).limit(offset + n);
            parser.parse(b);
            assertEquals(b.limit(), b.position(), "parse consumes all input");
            i += n;
        }
        return rec.events();
    }

    private static void runWithSeed(String what, long seed, Runnable test) {
        try {
            test.run();
        } catch (AssertionError | RuntimeException e) {
            System.err.println(what + " failed with seed " + seed + " (rerun with -Dgannet.seed=" + seed + ")");
            throw new AssertionError(what + " failed with seed " + seed, e);
        }
    }

    @Test
    void randomSplitsGiveTheSameFrames() {
        for (int iteration = 0; iteration < 60; iteration++) {
            long seed = BASE_SEED + iteration;
            runWithSeed("randomSplits", seed, () -> {
                Random r = new Random(seed);
                boolean serverSide = r.nextBoolean();
                boolean deflate = r.nextBoolean();
                Sample s = generate(r, serverSide, deflate, 1 + r.nextInt(6), true);
                byte[] wire = s.wire.toByteArray();
                Role role = serverSide ? Role.SERVER : Role.CLIENT;
                assertEquals(s.expected, Recorder.parse(role, wire.clone(), deflate), "whole");
                int maxPiece = 1 + r.nextInt(wire.length < 4000 && r.nextBoolean() ? 20 : 5000);
                assertEquals(s.expected, parseSplit(r, role, deflate, wire, maxPiece), "split");
            });
        }
    }

    @Test
    void byteAtATimeGivesTheSameFrames() {
        for (int i = 0; i < 20; i++) {
            int iteration = i;
            long seed = BASE_SEED + 1000 + iteration;
            runWithSeed("byteAtATime", seed, () -> {
                Random r = new Random(seed);
                boolean serverSide = r.nextBoolean();
                Sample s = generate(r, serverSide, true, 1 + r.nextInt(4), iteration % 10 == 0);
                byte[] wire = s.wire.toByteArray();
                Role role = serverSide ? Role.SERVER : Role.CLIENT;
                assertEquals(s.expected, parseSplit(r, role, true, wire, 1));
            });
        }
    }

    @Test
    void everySplitPointOfASmallSequence() {
        long seed = BASE_SEED + 5000;
        runWithSeed("everySplit", seed, () -> {
            Random r = new Random(seed);
            for (Role role : Role.values()) {
                Sample s = new Sample();
                boolean masked = role == Role.SERVER;
                frame(r, s, masked, false, false, OpCode.TEXT, "Hel".getBytes());
                frame(r, s, masked, true, false, OpCode.PING, "ping!".getBytes());
                frame(r, s, masked, true, false, OpCode.CONTINUATION, new byte[300]);
                frame(r, s, masked, true, false, OpCode.CLOSE, Recorder.bytes(0x03, 0xE8, 'o', 'k'));
                byte[] wire = s.wire.toByteArray();
                List<String> whole = Recorder.parse(role, wire);
                assertEquals(7 + 1, whole.size(), whole.toString());
                for (int a = 0; a <= wire.length; a++) {
                    for (int b = a; b <= wire.length; b += 7) {
                        Recorder rec = new Recorder();
                        FrameParser p = new FrameParser(role, rec);
                        byte[] copy = wire.clone();
                        p.parse(ByteBuffer.wrap(copy, 0, a));
                        p.parse(ByteBuffer.wrap(copy, a, b - a));
                        p.parse(ByteBuffer.wrap(copy, b, wire.length - b));
                        assertEquals(whole, rec.events(), "split at " + a + "," + b);
                    }
                }
            }
        });
    }
}
