package dev.gannet.bench.load;

import java.util.Arrays;
import java.util.Random;

/**
 * The payload every message of a connection carries: fixed random content with the message's
 * sequence number written at the front (16 hex digits for text, 8 bytes for binary), so that an
 * echo can be checked byte for byte and a lost, duplicated or reordered message is caught.
 */
final class MessageTemplate {

    static final int SEQ_BYTES = 16;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final byte[] payload;
    private final boolean binary;

    MessageTemplate(int size, boolean binary, long seed) {
        if (size < SEQ_BYTES) {
            throw new IllegalArgumentException("payload size must be at least " + SEQ_BYTES + " bytes");
        }
        this.binary = binary;
        this.payload = new byte[size];
        Random random = new Random(seed);
        if (binary) {
            random.nextBytes(payload);
        } else {
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) (' ' + random.nextInt(95)); // printable ASCII: valid UTF-8
            }
        }
    }

    int size() {
        return payload.length;
    }

    boolean binary() {
        return binary;
    }

    /** A fresh copy of the payload carrying {@code seq}. */
    byte[] payloadFor(long seq) {
        byte[] copy = payload.clone();
        writeSeq(copy, 0, seq);
        return copy;
    }

    /** Writes the sequence prefix of message {@code seq} at {@code offset}. */
    void writeSeq(byte[] dst, int offset, long seq) {
        if (binary) {
            for (int i = 0; i < 8; i++) {
                dst[offset + i] = (byte) (seq >>> (56 - 8 * i));
            }
            System.arraycopy(payload, 8, dst, offset + 8, SEQ_BYTES - 8);
        } else {
            for (int i = 0; i < 16; i++) {
                dst[offset + i] = HEX[(int) (seq >>> (60 - 4 * i)) & 0xF];
            }
        }
    }

    /** Whether {@code actual[0, length)} is exactly the payload of message {@code seq}. */
    boolean matches(byte[] actual, int length, long seq) {
        if (length != payload.length) {
            return false;
        }
        byte[] prefix = new byte[SEQ_BYTES];
        writeSeq(prefix, 0, seq);
        return Arrays.equals(actual, 0, SEQ_BYTES, prefix, 0, SEQ_BYTES)
                && Arrays.equals(actual, SEQ_BYTES, length, payload, SEQ_BYTES, length);
    }
}
