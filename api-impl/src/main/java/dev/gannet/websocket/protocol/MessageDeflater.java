package dev.gannet.websocket.protocol;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * Compresses outgoing messages for permessage-deflate (RFC 7692 §7.2.1). A message may be given
 * in any number of chunks; at its end the compressor is flushed with an empty stored block
 * ({@code SYNC_FLUSH}) and the block's {@code 00 00 ff ff} tail is cut off. Because output reaches
 * the sink as it is produced, the last four bytes are always held back until the next output or
 * the end of the message shows whether they are that tail. With no context takeover the
 * compressor is reset after each message, so a message never refers to an earlier one. Output goes
 * through one reused buffer. Not thread-safe; {@link #close()} releases the native zlib memory.
 */
public final class MessageDeflater implements AutoCloseable {

    private static final int BUFFER_SIZE = 16 * 1024;
    private static final int TAIL = 4;
    private static final byte[] EMPTY = new byte[0];

    private final Deflater deflater;
    private final boolean noContextTakeover;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private final ByteBuffer view = ByteBuffer.wrap(buf);
    private int held; // bytes at buf[0, held) produced but not yet given to a sink
    private boolean closed;

    public MessageDeflater(boolean noContextTakeover) {
        this(noContextTakeover, Deflater.DEFAULT_COMPRESSION);
    }

    /** With a zlib compression level (0..9, or -1 for zlib's default). */
    public MessageDeflater(boolean noContextTakeover, int level) {
        this.deflater = new Deflater(level, true);
        this.noContextTakeover = noContextTakeover;
    }

    /**
     * Compresses {@code in} (consumed: its position reaches its limit) as the next part of the
     * current message, giving output to {@code out}. With {@code endOfMessage}, finishes the
     * message; the payload given to {@code out} over the whole message is then complete.
     */
    public void deflate(ByteBuffer in, boolean endOfMessage, ByteSink out) {
        if (closed) {
            throw new IllegalStateException("MessageDeflater is closed");
        }
        deflater.setInput(in);
        try {
            while (!deflater.needsInput()) {
                produce(Deflater.NO_FLUSH, out);
            }
            if (endOfMessage) {
                finishMessage(out);
            }
        } finally {
            deflater.setInput(EMPTY); // the Deflater would otherwise keep the caller's buffer
        }
    }

    private void finishMessage(ByteSink out) {
        // A full buffer means the flush may not be complete: call again until it is not.
        while (produce(Deflater.SYNC_FLUSH, out) || !deflater.needsInput()) {
            // keep flushing
        }
        if (held != TAIL || buf[0] != 0 || buf[1] != 0 || buf[2] != (byte) 0xFF || buf[3] != (byte) 0xFF) {
            throw new IllegalStateException("Deflater output does not end with 00 00 ff ff");
        }
        held = 0;
        if (noContextTakeover) {
            deflater.reset();
        }
    }

    /** One deflate call; emits all but the last 4 bytes. Returns true if the buffer filled up. */
    private boolean produce(int flush, ByteSink out) {
        int space = buf.length - held;
        int n = deflater.deflate(buf, held, space, flush);
        held += n;
        if (held > TAIL) {
            int emit = held - TAIL;
            view.limit(emit).position(0);
            out.accept(view);
            System.arraycopy(buf, emit, buf, 0, TAIL);
            held = TAIL;
        }
        return n == space;
    }

    /** Releases the compressor; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            deflater.end();
        }
    }
}
