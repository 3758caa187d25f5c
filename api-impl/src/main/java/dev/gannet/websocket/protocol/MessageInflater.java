package dev.gannet.websocket.protocol;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses incoming permessage-deflate messages (RFC 7692 §7.2.2): the compressed payload of
 * a message arrives in chunks, and at its end the {@code 00 00 ff ff} tail the sender removed is
 * fed back in. Output goes through one small reused buffer to the sink, and the decompressed size
 * is checked after every step, so a tiny frame cannot inflate into a huge allocation: a message
 * passing {@code maxMessageSize} fails with 1009 before more than one buffer beyond the limit was
 * produced. Corrupt data fails with 1007. If a sender ends its DEFLATE stream (a final block), the
 * rest of that message is ignored and the next message starts a new stream. Not thread-safe;
 * {@link #close()} releases the native zlib memory.
 */
public final class MessageInflater implements AutoCloseable {

    static final int BUFFER_SIZE = 8 * 1024;
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final byte[] EMPTY = new byte[0];

    private final Inflater inflater = new Inflater(true);
    private final boolean noContextTakeover;
    private final long maxMessageSize;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private final ByteBuffer view = ByteBuffer.wrap(buf);
    private long produced; // decompressed bytes of the current message
    private boolean closed;

    /**
     * @param noContextTakeover the peer resets its compressor after each message, so we may too
     * @param maxMessageSize    the largest decompressed message, 0 or less for no limit
     */
    public MessageInflater(boolean noContextTakeover, long maxMessageSize) {
        this.noContextTakeover = noContextTakeover;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Decompresses {@code compressedChunk} (consumed) as the next part of the current message,
     * giving output to {@code out}.
     *
     * @throws ProtocolException 1009 when the message grows past the limit, 1007 for corrupt data
     */
    public void inflate(ByteBuffer compressedChunk, boolean endOfMessage, ByteSink out) {
        if (closed) {
            throw new IllegalStateException("MessageInflater is closed");
        }
        try {
            if (!inflater.finished()) {
                inflater.setInput(compressedChunk);
                drain(out);
            }
            compressedChunk.position(compressedChunk.limit());
            if (endOfMessage) {
                if (!inflater.finished()) {
                    inflater.setInput(TAIL);
                    drain(out);
                }
                produced = 0;
                if (noContextTakeover || inflater.finished()) {
                    inflater.reset();
                }
            }
        } finally {
            if (!closed) {
                inflater.setInput(EMPTY); // drop the reference to the caller's buffer
            }
        }
    }

    private void drain(ByteSink out) {
        try {
            while (true) {
                int n = inflater.inflate(buf);
                if (n > 0) {
                    produced += n;
                    if (maxMessageSize > 0 && produced > maxMessageSize) {
                        throw new ProtocolException(CloseCodes.TOO_BIG, "Decompressed message exceeds "
                                + maxMessageSize + " bytes");
                    }
                    view.limit(n).position(0);
                    out.accept(view);
                } else if (inflater.needsInput() || inflater.finished() || inflater.needsDictionary()) {
                    if (inflater.needsDictionary()) {
                        throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "Compressed data asks for a dictionary");
                    }
                    return;
                }
            }
        } catch (DataFormatException e) {
            throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "Corrupt compressed data: " + e.getMessage());
        }
    }

    /** Releases the decompressor; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            inflater.end();
        }
    }
}
