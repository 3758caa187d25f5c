package dev.gannet.websocket.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The XOR masking of RFC 6455 §5.3, applied in place eight bytes at a time. The 32-bit key is
 * big-endian as on the wire (key byte 0 is the top byte of the {@code int}); {@code phase} says
 * which key byte applies to the first byte masked, so a payload split over many buffers is masked
 * by successive calls that pass on the returned phase. Masking and unmasking are the same
 * operation. {@link #newMaskKey()} draws keys from a striped set of DRBG instances, because the RFC
 * requires unpredictable keys and a single shared generator would serialise every sender.
 */
public final class Masking {

    private static final VarHandle LONGS_NATIVE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private static final SecureRandom[] RANDOMS = newRandoms();

    private Masking() {
    }

    /**
     * XORs bytes {@code [from, to)} of {@code buf} (absolute indices; position and limit
     * untouched) with the key, starting at key byte {@code phase} (0..3).
     *
     * @return the phase for the byte after {@code to}
     */
    public static int mask(ByteBuffer buf, int from, int to, int maskKey, int phase) {
        int i = from;
        if (to - from >= 8) {
            long m = longMask(maskKey, phase, buf.order() == ByteOrder.BIG_ENDIAN);
            for (int end = to - 7; i < end; i += 8) {
                buf.putLong(i, buf.getLong(i) ^ m);
            }
        }
        // 8 is a multiple of 4, so the long loop leaves the phase where it was.
        int p = phase;
        for (; i < to; i++) {
            buf.put(i, (byte) (buf.get(i) ^ (maskKey >>> (24 - 8 * p))));
            p = (p + 1) & 3;
        }
        return (phase + (to - from)) & 3;
    }

    /** The same as {@link #mask(ByteBuffer, int, int, int, int)} over {@code a[from, to)}. */
    public static int mask(byte[] a, int from, int to, int maskKey, int phase) {
        int i = from;
        if (to - from >= 8) {
            long m = longMask(maskKey, phase, NATIVE_BIG_ENDIAN);
            for (int end = to - 7; i < end; i += 8) {
                LONGS_NATIVE.set(a, i, (long) LONGS_NATIVE.get(a, i) ^ m);
            }
        }
        int p = phase;
        for (; i < to; i++) {
            a[i] ^= (byte) (maskKey >>> (24 - 8 * p));
            p = (p + 1) & 3;
        }
        return (phase + (to - from)) & 3;
    }

    /**
     * The 64-bit mask whose first byte in memory is key byte {@code phase}: rotate so that byte
     * becomes the top byte, repeat it twice, and byte-swap when longs are read little-endian.
     */
    static long longMask(int maskKey, int phase, boolean bigEndian) {
        int k = Integer.rotateLeft(maskKey, 8 * phase);
        long m = ((long) k << 32) | (k & 0xFFFF_FFFFL);
        return bigEndian ? m : Long.reverseBytes(m);
    }

    /** A fresh, unpredictable masking key; thread-safe and cheap enough to call per frame. */
    public static int newMaskKey() {
        SecureRandom r = RANDOMS[(int) Thread.currentThread().getId() & (RANDOMS.length - 1)];
        return r.nextInt();
    }

    private static SecureRandom[] newRandoms() {
        int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1) * 2;
        SecureRandom[] randoms = new SecureRandom[n];
        for (int i = 0; i < n; i++) {
            randoms[i] = newRandom();
        }
        return randoms;
    }

    static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
