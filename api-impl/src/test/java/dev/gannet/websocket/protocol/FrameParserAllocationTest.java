package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: no allocation per frame that a reused buffer avoids. The parser is fed 10,000
 * frames (data frames whole and split, fragmented messages, control frames whole and split
 * across reads) through one reused read buffer, as a transport feeds it, and the bytes the test
 * thread allocates meanwhile must stay under a bound far below one object per frame. The listener
 * allocates nothing itself, so whatever is counted is the parser's.
 */
class FrameParserAllocationTest {

    /** Frames per block; a block is what one generated wire holds. */
    private static final int FRAMES_PER_BLOCK = 100;
    private static final int FRAMES = 10_000;
    /** Far under one 48-byte ByteBuffer per frame (480 KB); leaves room for a stray JIT deoptimization. */
    private static final long BOUND = 8 * 1024;

    /** Sums what it is given with absolute reads, consuming part of each chunk; allocates nothing. */
    private static final class Summing implements FrameListener {
        long dataBytes;
        long controlBytes;
        long checksum;
        int frames;

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
            frames++;
            for (int i = payload.position(); i < payload.limit(); i++) {
                checksum = checksum * 31 + payload.get(i);
            }
            controlBytes += payload.remaining();
        }

        @Override
        public void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long payloadLength) {
            frames++;
        }

        @Override
        public void onDataPayload(ByteBuffer chunk) {
            for (int i = chunk.position(); i < chunk.limit(); i++) {
                checksum = checksum * 31 + chunk.get(i);
            }
            dataBytes += chunk.remaining();
            // Consume half: the parser must resume after the chunk whatever the listener did.
            chunk.position(chunk.position() + chunk.remaining() / 2);
        }

        @Override
        public void onDataFrameEnd() {
        }
    }

    /** A block of masked client frames and the sums a correct parse yields. */
    private static final class Block {
        final ByteBuffer wire = ByteBuffer.allocate(64 * 1024);
        long dataBytes;
        long controlBytes;
        long checksum;

        Block(long seed) {
            Random r = new Random(seed);
            int frames = 0;
            while (frames < FRAMES_PER_BLOCK) {
                int kind = r.nextInt(4);
                if (kind == 0) {
                    frame(r, true, r.nextBoolean() ? OpCode.PING : OpCode.PONG, r.nextInt(126));
                    frames++;
                } else if (kind == 1 && frames + 2 <= FRAMES_PER_BLOCK) {
                    frame(r, false, OpCode.TEXT, r.nextInt(40));
                    frame(r, true, OpCode.CONTINUATION, 126 + r.nextInt(300));
                    frames += 2;
                } else {
                    frame(r, true, OpCode.BINARY, r.nextInt(200));
                    frames++;
                }
            }
            wire.flip();
        }

        private void frame(Random r, boolean fin, int opcode, int length) {
            byte[] payload = new byte[length];
            r.nextBytes(payload);
            for (byte b : payload) {
                checksum = checksum * 31 + b;
            }
            if (OpCode.isControl(opcode)) {
                controlBytes += length;
            } else {
                dataBytes += length;
            }
            int key = r.nextInt();
            FrameHeaders.write(wire, fin, 0, opcode, length, true, key);
            int start = wire.position();
            wire.put(payload);
            Masking.mask(wire, start, wire.position(), key, 0);
        }
    }

    /**
     * Feeds {@code block} to the parser through {@code read}, a reused buffer, in pieces whose
     * sizes cycle through {@code splits}; allocates nothing.
     */
    private static void feed(FrameParser parser, Block block, ByteBuffer read, int[] splits, int round) {
        ByteBuffer wire = block.wire;
        int from = 0;
        int end = wire.limit();
        int s = round;
        while (from < end) {
            int n = Math.min(splits[s++ % splits.length], end - from);
            read.clear();
            read.put(0, wire, from, n); // a socket read into the transport's buffer
            read.limit(n);
            parser.parse(read);
            if (read.position() != n || read.limit() != n) {
                throw new AssertionError("parser left the read buffer at " + read);
            }
            from += n;
        }
    }

    @Test
    void tenThousandFramesAllocateNothingPerFrame() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs com.sun.management.ThreadMXBean");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "thread allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);

        Block block = new Block(7);
        int[] splits = {1 << 16, 7, 130, 1, 4096, 3, 61};
        ByteBuffer read = ByteBuffer.allocate(1 << 16);
        Summing sums = new Summing();
        FrameParser parser = new FrameParser(Role.SERVER, sums);
        int rounds = FRAMES / FRAMES_PER_BLOCK;

        // Warm up once so class loading and first-call linkage are not counted.
        for (int i = 0; i < rounds; i++) {
            feed(parser, block, read, splits, i);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < rounds; i++) {
            feed(parser, block, read, splits, i);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(2L * FRAMES, sums.frames, "every frame delivered, twice over");
        assertEquals(2L * rounds * block.dataBytes, sums.dataBytes);
        assertEquals(2L * rounds * block.controlBytes, sums.controlBytes);
        assertTrue(allocated < BOUND, "parsing " + FRAMES + " frames allocated " + allocated + " bytes");
        // The checksum folds every payload byte in order: equal only if each chunk was exactly right.
        Summing once = new Summing();
        FrameParser fresh = new FrameParser(Role.SERVER, once);
        feed(fresh, new Block(7), read, splits, 0);
        assertEquals(block.checksum, once.checksum);
    }
}
