package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Masking a long at a time against a byte-at-a-time reference at every offset, length and phase. */
class MaskingTest {

    private static final long SEED = Long.getLong("gannet.seed", System.nanoTime());

    /** The RFC's definition: byte i is XORed with key octet (phase + i) mod 4. */
    private static int reference(byte[] a, int from, int to, int key, int phase) {
        for (int i = from; i < to; i++) {
            int j = (phase + i - from) & 3;
            a[i] ^= (byte) (key >>> (24 - 8 * j));
        }
        return (phase + to - from) & 3;
    }

    @Test
    void everyOffsetLengthAndPhaseMatchesTheReference() {
        Random r = new Random(SEED);
        try {
            for (int from = 0; from <= 40; from++) {
                for (int len = 0; len <= 40; len++) {
                    for (int phase = 0; phase < 4; phase++) {
                        int key = r.nextInt();
                        byte[] data = new byte[from + len + 9];
                        r.nextBytes(data);
                        byte[] expected = data.clone();
                        int expectedPhase = reference(expected, from, from + len, key, phase);

                        byte[] array = data.clone();
                        assertEquals(expectedPhase, Masking.mask(array, from, from + len, key, phase));
                        assertArrayEquals(expected, array, "byte[] from=" + from + " len=" + len + " phase=" + phase);

                        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                            ByteBuffer heap = ByteBuffer.wrap(data.clone()).order(order);
                            heap.position(3).limit(data.length - 1);
                            assertEquals(expectedPhase, Masking.mask(heap, from, from + len, key, phase));
                            assertEquals(3, heap.position(), "position untouched");
                            assertEquals(data.length - 1, heap.limit(), "limit untouched");
                            assertArrayEquals(expected, heap.array(), "heap " + order);

                            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).order(order);
                            direct.put(data).clear();
                            Masking.mask(direct, from, from + len, key, phase);
                            byte[] out = new byte[data.length];
                            direct.get(out);
                            assertArrayEquals(expected, out, "direct " + order);
                        }
                    }
                }
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + SEED + " (-Dgannet.seed=" + SEED + ")", e);
        }
    }

    @Test
    void maskingInPiecesEqualsMaskingWhole() {
        Random r = new Random(SEED + 1);
        byte[] data = new byte[1000];
        r.nextBytes(data);
        int key = r.nextInt();
        byte[] whole = data.clone();
        Masking.mask(whole, 0, whole.length, key, 0);
        byte[] pieces = data.clone();
        int phase = 0;
        int i = 0;
        while (i < pieces.length) {
            int n = Math.min(pieces.length - i, r.nextInt(30));
            phase = Masking.mask(ByteBuffer.wrap(pieces), i, i + n, key, phase);
            i += n;
        }
        assertArrayEquals(whole, pieces, "seed " + (SEED + 1));
        Masking.mask(pieces, 0, pieces.length, key, 0);
        assertArrayEquals(data, pieces, "masking twice restores the data");
    }

    @Test
    void rfcExampleKey() {
        byte[] hello = "Hello".getBytes();
        Masking.mask(hello, 0, 5, 0x37fa213d, 0);
        assertArrayEquals(Recorder.bytes(0x7f, 0x9f, 0x4d, 0x51, 0x58), hello);
    }

    @Test
    void newMaskKeysDifferAcrossThreads() throws InterruptedException {
        Set<Integer> keys = ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    keys.add(Masking.newMaskKey());
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        // 2000 draws of 32 random bits: a collision is possible but more than a few is not.
        assertTrue(keys.size() > 1990, "distinct keys: " + keys.size());
        Set<Integer> local = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            local.add(Masking.newMaskKey());
        }
        assertTrue(local.size() > 95);
    }
}
