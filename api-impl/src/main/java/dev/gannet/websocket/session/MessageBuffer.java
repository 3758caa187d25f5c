package dev.gannet.websocket.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer reused across messages by the inbound assembler. Grows on demand (the
 * caller checks the message size limit before appending) and drops a large array after a
 * message so one big message does not pin memory for the session's lifetime.
 */
final class MessageBuffer {

    private static final int INITIAL = 4096;
    private static final int RETAIN_MAX = 256 * 1024;

    private static final byte[] NONE = new byte[0];

    private byte[] bytes = NONE; // idle sessions hold no buffer
    private int size;

    int size() {
        return size;
    }

    void append(ByteBuffer chunk) {
        int n = chunk.remaining();
        ensure(size + n);
        chunk.get(bytes, size, n);
        size += n;
    }

    /** Appends {@code n} bytes of {@code chunk} (which must have them). */
    void append(ByteBuffer chunk, int n) {
        ensure(size + n);
        chunk.get(bytes, size, n);
        size += n;
    }

    private void ensure(int needed) {
        if (needed > bytes.length) {
            long grown = Math.max(INITIAL, bytes.length * 2L);
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) needed, grown)));
        }
    }

    String text() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    byte[] copy() {
        return Arrays.copyOf(bytes, size);
    }

    /**
     * Removes and decodes the longest prefix that ends on a UTF-8 character boundary (the bytes were
     * validated already), keeping an incomplete trailing sequence for the next part.
     */
    String takeCompleteText() {
        int cut = size;
        int i = size - 1;
        while (i >= 0 && i > size - 4 && (bytes[i] & 0xC0) == 0x80) {
            i--;
        }
        if (i >= 0) {
            int lead = bytes[i] & 0xFF;
            int len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (size - i < len) {
                cut = i;
            }
        }
        String s = new String(bytes, 0, cut, StandardCharsets.UTF_8);
        System.arraycopy(bytes, cut, bytes, 0, size - cut);
        size -= cut;
        return s;
    }

    void clear() {
        size = 0;
        if (bytes.length > RETAIN_MAX) {
            bytes = NONE;
        }
    }
}
