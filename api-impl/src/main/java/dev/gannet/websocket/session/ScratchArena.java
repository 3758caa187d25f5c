package dev.gannet.websocket.session;

import java.nio.ByteBuffer;

/**
 * Reused memory for the payloads the writer must produce itself (masked copies on the client
 * side, compressed bytes): slices are handed out bump-pointer style for one write and the arena is
 * rewound when the next write is prepared. Growing switches to a bigger array; slices already
 * handed out keep the old one alive until their write completed.
 */
final class ScratchArena {

    private static final int INITIAL = 8192;
    private static final int RETAIN_MAX = 1 << 20;

    private static final byte[] NONE = new byte[0];

    private byte[] array = NONE; // nothing until the first payload is produced
    private int pos;
    private int start = -1;

    void rewind() {
        if (array.length > RETAIN_MAX) {
            array = NONE;
        }
        pos = 0;
    }

    /** A writable slice of {@code n} bytes. */
    ByteBuffer take(int n) {
        ensure(n);
        ByteBuffer b = ByteBuffer.wrap(array, pos, n).slice();
        pos += n;
        return b;
    }

    /** Starts a slice of unknown length filled by {@link #append}. */
    void begin() {
        start = pos;
    }

    void append(ByteBuffer chunk) {
        int n = chunk.remaining();
        if (pos + n > array.length) {
            int used = pos - start;
            byte[] bigger = new byte[Math.max(array.length * 2, used + n + INITIAL)];
            System.arraycopy(array, start, bigger, 0, used);
            array = bigger;
            start = 0;
            pos = used;
        }
        chunk.get(array, pos, n);
        pos += n;
    }

    /** The slice appended since {@link #begin}. */
    ByteBuffer end() {
        ByteBuffer b = ByteBuffer.wrap(array, start, pos - start).slice();
        start = -1;
        return b;
    }

    private void ensure(int n) {
        if (pos + n > array.length) {
            array = new byte[Math.max(array.length * 2, n + INITIAL)];
            pos = 0;
        }
    }
}
