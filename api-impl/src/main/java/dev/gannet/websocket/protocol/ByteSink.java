package dev.gannet.websocket.protocol;

import java.nio.ByteBuffer;

/**
 * Receives the output of {@link MessageDeflater} and {@link MessageInflater} chunk by chunk. The
 * chunk is a view of a buffer the codec reuses, so it is valid only during the call: copy what
 * must outlive it. Chunks are never empty.
 */
@FunctionalInterface
public interface ByteSink {

    void accept(ByteBuffer chunk);
}
