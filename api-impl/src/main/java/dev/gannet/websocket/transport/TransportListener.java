package dev.gannet.websocket.transport;

import java.nio.ByteBuffer;

/**
 * Receives what a {@link Transport} reads, one call per {@link Transport#demand()}.
 *
 * <p>Threading contract: calls for one transport never overlap, and the thread that calls them
 * may block (user code runs on it) while writes on the same transport keep making progress.
 * Transports whose native callback thread cannot block (a selector, a servlet container's
 * read callback) hand the delivery to another thread.
 */
public interface TransportListener {

    /**
     * Bytes read. The buffer is writable (the engine unmasks in place) and valid only during the
     * call: the engine consumes or copies what it needs before returning.
     */
    void onData(ByteBuffer data);

    /** The peer closed its side of the connection: no more bytes will come. */
    void onEndOfStream();

    /** Reading or writing failed; the transport is unusable. */
    void onError(Throwable failure);

    /**
     * The transport's own idle limit ended reading (a servlet container's connection idle
     * timeout): no more bytes will come, but writing may still work. This is an ordinary timeout,
     * not a failure: the engine ends the session as its own idle timeout does (a close frame with
     * 1001 if it can still be written, {@code onClose}, no {@code onError}). Transports that
     * cannot tell such a timeout from other failures simply report {@link #onError}.
     */
    default void onIdleTimeout(Throwable cause) {
        onError(cause);
    }
}
