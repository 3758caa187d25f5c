package dev.gannet.bench.load;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate for the load generator, straight from RFC 7692 with java.util.zip: raw
 * DEFLATE, sync flush, the {@code 00 00 ff ff} tail removed on send and restored on receive.
 */
final class Deflate {

    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final boolean resetInflaterPerMessage;
    private byte[] out = new byte[64 * 1024];
    private int outLength;

    Deflate(boolean serverNoContextTakeover) {
        this.resetInflaterPerMessage = serverNoContextTakeover;
    }

    /** Compresses one message with a fresh context (we offered client_no_context_takeover). */
    byte[] compress(byte[] payload) {
        deflater.reset();
        deflater.setInput(payload);
        byte[] buffer = new byte[payload.length + 64];
        int n = 0;
        while (true) {
            n += deflater.deflate(buffer, n, buffer.length - n, Deflater.SYNC_FLUSH);
            if (n < buffer.length) {
                break;
            }
            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        return java.util.Arrays.copyOf(buffer, n - TAIL.length);
    }

    /** Inflates one compressed message; the result is in {@link #out()}[0, {@link #outLength()}). */
    void decompress(byte[] compressed, int length) throws IOException {
        if (resetInflaterPerMessage) {
            inflater.reset();
        }
        byte[] input = java.util.Arrays.copyOf(compressed, length + TAIL.length);
        System.arraycopy(TAIL, 0, input, length, TAIL.length);
        inflater.setInput(input);
        outLength = 0;
        try {
            while (true) {
                if (outLength == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                int n = inflater.inflate(out, outLength, out.length - outLength);
                outLength += n;
                if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("server sent corrupt compressed data", e);
        }
    }

    byte[] out() {
        return out;
    }

    int outLength() {
        return outLength;
    }

    void release() {
        deflater.end();
        inflater.end();
    }
}
