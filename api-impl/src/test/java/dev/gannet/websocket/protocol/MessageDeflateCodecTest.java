package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** permessage-deflate compression and decompression (RFC 7692 §7.2). */
class MessageDeflateCodecTest {

    private static final long SEED = Long.getLong("gannet.seed", System.nanoTime());
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    /** Collects sink output, checking the chunk contract on the way. */
    static final class Collector implements ByteSink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int calls;

        @Override
        public void accept(ByteBuffer chunk) {
            assertTrue(chunk.hasRemaining(), "never an empty chunk");
            calls++;
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            out.writeBytes(b);
        }

        byte[] take() {
            byte[] b = out.toByteArray();
            out.reset();
            return b;
        }
    }

    static byte[] sampleMessage(Random r, int size) {
        byte[] text = ("The quick brown fox jumps over the lazy dog " + r.nextInt(1000) + ". ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] m = new byte[size];
        for (int i = 0; i < size; i++) {
            m[i] = r.nextInt(10) == 0 ? (byte) r.nextInt(256) : text[i % text.length];
        }
        return m;
    }

    /** Feeds {@code data} to {@code step} in random chunks, some of them in direct buffers. */
    interface Step {
        void accept(ByteBuffer chunk, boolean last);
    }

    static void inChunks(Random r, byte[] data, Step step) {
        int i = 0;
        do {
            int n = Math.min(data.length - i, r.nextInt(3) == 0 ? r.nextInt(20) : r.nextInt(40_000));
            ByteBuffer b;
            if (r.nextBoolean()) {
                b = ByteBuffer.allocateDirect(n);
                b.put(data, i, n).flip();
            } else {
                b = ByteBuffer.wrap(data, i, n);
            }
            i += n;
            step.accept(b, i == data.length);
            assertFalse(b.hasRemaining(), "input consumed");
        } while (i < data.length);
    }

    static byte[] deflate(Random r, MessageDeflater d, byte[] message) {
        Collector c = new Collector();
        inChunks(r, message, (chunk, last) -> d.deflate(chunk, last, c));
        return c.take();
    }

    static byte[] inflate(Random r, MessageInflater inf, byte[] compressed) {
        Collector c = new Collector();
        inChunks(r, compressed, (chunk, last) -> inf.inflate(chunk, last, c));
        return c.take();
    }

    @Test
    void roundTripsForEveryContextTakeoverCombination() {
        Random r = new Random(SEED);
        try {
            for (boolean serverNoContext : new boolean[] {false, true}) {
                for (boolean clientNoContext : new boolean[] {false, true}) {
                    DeflateParameters p = new DeflateParameters(serverNoContext, clientNoContext, 15, 15);
                    for (Role sender : Role.values()) {
                        Role receiver = sender == Role.SERVER ? Role.CLIENT : Role.SERVER;
                        try (MessageDeflater d = p.deflater(sender); MessageInflater inf = p.inflater(receiver, 0)) {
                            for (int m = 0; m < 8; m++) {
                                int size = m == 0 ? 0 : m == 1 ? 1 : r.nextInt(m == 7 ? 300_000 : 3000);
                                byte[] message = sampleMessage(r, size);
                                byte[] compressed = deflate(r, d, message);
                                assertTrue(compressed.length >= 1, "at least one byte, even when empty");
                                assertArrayEquals(message, inflate(r, inf, compressed), p + " sender " + sender + " message " + m);
                            }
                        }
                    }
                }
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + SEED + " (-Dgannet.seed=" + SEED + ")", e);
        }
    }

    @Test
    void contextTakeoverShrinksARepeatedMessageAndNoContextTakeoverDoesNot() {
        Random r = new Random(SEED + 1);
        byte[] message = new byte[2000];
        r.nextBytes(message); // incompressible on its own, free when repeated from the window
        try (MessageDeflater keep = new MessageDeflater(false); MessageDeflater reset = new MessageDeflater(true)) {
            byte[] first = deflate(r, keep, message);
            byte[] second = deflate(r, keep, message);
            assertTrue(second.length < first.length / 10, first.length + " then " + second.length);
            byte[] a = deflate(r, reset, message);
            byte[] b = deflate(r, reset, message);
            assertArrayEquals(a, b, "each message starts afresh");
        }
    }

    @Test
    void outputIsARawDeflateStreamWithoutTheTail() throws DataFormatException {
        Random r = new Random(SEED + 2);
        Inflater reference = new Inflater(true);
        try (MessageDeflater d = new MessageDeflater(false)) {
            for (int m = 0; m < 5; m++) {
                byte[] message = sampleMessage(r, r.nextInt(50_000));
                byte[] compressed = deflate(r, d, message);
                assertFalse(compressed.length >= 4
                        && Arrays.equals(TAIL, Arrays.copyOfRange(compressed, compressed.length - 4, compressed.length)),
                        "tail removed");
                // One continuing raw inflater reads the messages with their tails put back.
                reference.setInput(concat(compressed, TAIL));
                byte[] out = new byte[message.length + 100];
                int n = 0;
                while (!reference.needsInput()) {
                    n += reference.inflate(out, n, out.length - n);
                }
                assertEquals(message.length, n);
                assertArrayEquals(message, Arrays.copyOf(out, n));
            }
        } finally {
            reference.end();
        }
    }

    @Test
    void readsWhatAPlainRawDeflaterWrites() {
        Random r = new Random(SEED + 3);
        Deflater reference = new Deflater(Deflater.BEST_COMPRESSION, true);
        try (MessageInflater inf = new MessageInflater(false, 0)) {
            for (int m = 0; m < 5; m++) {
                byte[] message = sampleMessage(r, r.nextInt(50_000));
                reference.setInput(message);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[1024];
                int n;
                do {
                    n = reference.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    out.write(buf, 0, n);
                } while (n == buf.length || !reference.needsInput());
                byte[] compressed = out.toByteArray();
                assertArrayEquals(TAIL, Arrays.copyOfRange(compressed, compressed.length - 4, compressed.length));
                byte[] payload = Arrays.copyOf(compressed, compressed.length - 4);
                assertArrayEquals(message, inflate(r, inf, payload), "message " + m);
            }
        } finally {
            reference.end();
        }
    }

    @Test
    void aFinalBlockEndsTheStreamAndTheNextMessageStartsANewOne() {
        Random r = new Random(SEED + 4);
        try (MessageInflater inf = new MessageInflater(false, 0)) {
            for (int m = 0; m < 3; m++) {
                byte[] message = sampleMessage(r, 1000 + m);
                Deflater finishing = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
                finishing.setInput(message);
                finishing.finish();
                byte[] buf = new byte[4096];
                int n = finishing.deflate(buf);
                assertTrue(finishing.finished());
                finishing.end();
                assertArrayEquals(message, inflate(r, inf, Arrays.copyOf(buf, n)));
            }
        }
    }

    @Test
    void emptyMessageCompressesToOneZeroByte() {
        try (MessageDeflater d = new MessageDeflater(true); MessageInflater inf = new MessageInflater(true, 0)) {
            Collector c = new Collector();
            d.deflate(ByteBuffer.allocate(0), true, c);
            byte[] compressed = c.take();
            assertArrayEquals(new byte[] {0}, compressed);
            Collector out = new Collector();
            inf.inflate(ByteBuffer.wrap(compressed), true, out);
            assertEquals(0, out.take().length);
            assertEquals(0, out.calls, "no empty chunks");
        }
    }

    @Test
    void inflateLimitFailsEarlyWith1009() {
        byte[] message = new byte[1 << 20]; // 1 MiB of zeros compresses to about 1 KiB
        byte[] compressed;
        try (MessageDeflater d = new MessageDeflater(false)) {
            Collector c = new Collector();
            d.deflate(ByteBuffer.wrap(message), true, c);
            compressed = c.take();
        }
        assertTrue(compressed.length < 2048, "compressed to " + compressed.length);
        int limit = 64 * 1024;
        long[] delivered = {0};
        try (MessageInflater inf = new MessageInflater(false, limit)) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> inf.inflate(ByteBuffer.wrap(compressed), true, chunk -> delivered[0] += chunk.remaining()));
            assertEquals(1009, e.closeCode());
            assertTrue(delivered[0] <= limit, "nothing past the limit reached the sink: " + delivered[0]);
            assertTrue(delivered[0] > limit - MessageInflater.BUFFER_SIZE, "failed as the limit was passed: " + delivered[0]);
        }
        // The limit is per message: messages under it pass, one after another.
        try (MessageDeflater d = new MessageDeflater(false); MessageInflater inf = new MessageInflater(false, limit)) {
            for (int m = 0; m < 3; m++) {
                Collector c = new Collector();
                d.deflate(ByteBuffer.wrap(new byte[limit]), true, c);
                byte[] small = c.take();
                inf.inflate(ByteBuffer.wrap(small), true, c);
                assertEquals(limit, c.take().length);
            }
        }
    }

    @Test
    void corruptDataFailsWith1007() {
        try (MessageInflater inf = new MessageInflater(false, 0)) {
            // BTYPE 11 is reserved in DEFLATE.
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> inf.inflate(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00}), true, chunk -> { }));
            assertEquals(1007, e.closeCode());
        }
    }

    @Test
    void closeReleasesAndIsIdempotent() {
        MessageDeflater d = new MessageDeflater(false);
        MessageInflater inf = new MessageInflater(false, 0);
        d.close();
        d.close();
        inf.close();
        inf.close();
        assertThrows(IllegalStateException.class, () -> d.deflate(ByteBuffer.allocate(1), true, c -> { }));
        assertThrows(IllegalStateException.class, () -> inf.inflate(ByteBuffer.allocate(1), true, c -> { }));
    }

    @Test
    void sinkChunksComeFromASmallReusedBuffer() {
        Random r = new Random(SEED + 5);
        byte[] message = sampleMessage(r, 200_000);
        List<Integer> sizes = new ArrayList<>();
        try (MessageDeflater d = new MessageDeflater(false); MessageInflater inf = new MessageInflater(false, 0)) {
            byte[] compressed = deflate(r, d, message);
            inf.inflate(ByteBuffer.wrap(compressed), true, chunk -> sizes.add(chunk.remaining()));
        }
        assertEquals(message.length, sizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(sizes.stream().allMatch(s -> s <= MessageInflater.BUFFER_SIZE), sizes.toString());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
