package dev.gannet.websocket.session;

/**
 * The per-session limits and timeouts. Containers build one from their defaults (and from an
 * endpoint's user properties) and hand it to each session; a session's idle timeout, buffer
 * sizes and send timeout can then still be changed through the {@code Session} API.
 *
 * <p>Defaults ({@link #defaults()}):
 * <ul>
 * <li>{@code maxIdleTimeoutMs} = 0: no idle timeout. Otherwise the session is closed (1001 on the
 *     wire, 1006 to {@code onClose}) once no frame was read or written for that long.</li>
 * <li>{@code maxTextMessageBufferSize} = {@code maxBinaryMessageBufferSize} = 65536 bytes: the
 *     largest message buffered whole (for whole-message handlers and decoders) and the chunk size of
 *     partial deliveries; a larger message closes the session with 1009 as soon as the limit is passed.</li>
 * <li>{@code sendTimeoutMs} = 60000: how long an async send may take before it fails with a
 *     {@code SocketTimeoutException}, and how long a blocking send waits (for room in the queue and
 *     for the write) before it throws one. 0 or less: no timeout.</li>
 * <li>{@code outboundQueueBytes} = 16 MiB: the payload bytes queued and not yet written beyond
 *     which a new async send fails at once and a blocking send waits. A message larger than the
 *     bound is still accepted when the queue is empty.</li>
 * <li>{@code closeTimeoutMs} = 5000: how long a session that sent a close frame waits for the
 *     peer's close frame before it closes the connection anyway.</li>
 * <li>{@code streamBufferBytes} = 65536: capacity of the pipe feeding a {@code Reader} or
 *     {@code InputStream} message handler.</li>
 * </ul>
 *
 * @param maxIdleTimeoutMs idle timeout in milliseconds, 0 for none
 * @param maxTextMessageBufferSize largest buffered text message, bytes of UTF-8
 * @param maxBinaryMessageBufferSize largest buffered binary message, bytes
 * @param sendTimeoutMs send timeout in milliseconds, 0 or less for none
 * @param outboundQueueBytes bound of the outbound queue in payload bytes
 * @param closeTimeoutMs time to wait for the peer's close frame
 * @param streamBufferBytes capacity of the pipe of a streaming handler
 */
public record SessionSettings(long maxIdleTimeoutMs, int maxTextMessageBufferSize, int maxBinaryMessageBufferSize,
                              long sendTimeoutMs, long outboundQueueBytes, long closeTimeoutMs,
                              int streamBufferBytes) {

    /** Default of {@link #maxTextMessageBufferSize} and {@link #maxBinaryMessageBufferSize}. */
    public static final int DEFAULT_MESSAGE_BUFFER_SIZE = 65536;
    /** Default of {@link #sendTimeoutMs}. */
    public static final long DEFAULT_SEND_TIMEOUT_MS = 60_000;
    /** Default of {@link #outboundQueueBytes}. */
    public static final long DEFAULT_OUTBOUND_QUEUE_BYTES = 16L * 1024 * 1024;
    /** Default of {@link #closeTimeoutMs}. */
    public static final long DEFAULT_CLOSE_TIMEOUT_MS = 5_000;
    /** Default of {@link #streamBufferBytes}. */
    public static final int DEFAULT_STREAM_BUFFER_BYTES = 65536;

    /** Validates the values. */
    public SessionSettings {
        if (maxIdleTimeoutMs < 0) {
            throw new IllegalArgumentException("maxIdleTimeoutMs must be >= 0, got " + maxIdleTimeoutMs);
        }
        if (maxTextMessageBufferSize <= 0 || maxBinaryMessageBufferSize <= 0) {
            throw new IllegalArgumentException("message buffer sizes must be > 0");
        }
        if (outboundQueueBytes <= 0 || closeTimeoutMs <= 0 || streamBufferBytes <= 0) {
            throw new IllegalArgumentException("outboundQueueBytes, closeTimeoutMs and streamBufferBytes must be > 0");
        }
    }

    /** The documented defaults. */
    public static SessionSettings defaults() {
        return new SessionSettings(0, DEFAULT_MESSAGE_BUFFER_SIZE, DEFAULT_MESSAGE_BUFFER_SIZE,
                DEFAULT_SEND_TIMEOUT_MS, DEFAULT_OUTBOUND_QUEUE_BYTES, DEFAULT_CLOSE_TIMEOUT_MS,
                DEFAULT_STREAM_BUFFER_BYTES);
    }

    /** A copy with another idle timeout. */
    public SessionSettings withMaxIdleTimeoutMs(long ms) {
        return new SessionSettings(ms, maxTextMessageBufferSize, maxBinaryMessageBufferSize, sendTimeoutMs,
                outboundQueueBytes, closeTimeoutMs, streamBufferBytes);
    }

    /** A copy with another text buffer size. */
    public SessionSettings withMaxTextMessageBufferSize(int size) {
        return new SessionSettings(maxIdleTimeoutMs, size, maxBinaryMessageBufferSize, sendTimeoutMs,
                outboundQueueBytes, closeTimeoutMs, streamBufferBytes);
    }

    /** A copy with another binary buffer size. */
    public SessionSettings withMaxBinaryMessageBufferSize(int size) {
        return new SessionSettings(maxIdleTimeoutMs, maxTextMessageBufferSize, size, sendTimeoutMs,
                outboundQueueBytes, closeTimeoutMs, streamBufferBytes);
    }

    /** A copy with another send timeout. */
    public SessionSettings withSendTimeoutMs(long ms) {
        return new SessionSettings(maxIdleTimeoutMs, maxTextMessageBufferSize, maxBinaryMessageBufferSize, ms,
                outboundQueueBytes, closeTimeoutMs, streamBufferBytes);
    }

    /** A copy with another outbound queue bound. */
    public SessionSettings withOutboundQueueBytes(long bytes) {
        return new SessionSettings(maxIdleTimeoutMs, maxTextMessageBufferSize, maxBinaryMessageBufferSize,
                sendTimeoutMs, bytes, closeTimeoutMs, streamBufferBytes);
    }

    /** A copy with another close handshake timeout. */
    public SessionSettings withCloseTimeoutMs(long ms) {
        return new SessionSettings(maxIdleTimeoutMs, maxTextMessageBufferSize, maxBinaryMessageBufferSize,
                sendTimeoutMs, outboundQueueBytes, ms, streamBufferBytes);
    }

    /** A copy with another stream pipe capacity. */
    public SessionSettings withStreamBufferBytes(int bytes) {
        return new SessionSettings(maxIdleTimeoutMs, maxTextMessageBufferSize, maxBinaryMessageBufferSize,
                sendTimeoutMs, outboundQueueBytes, closeTimeoutMs, bytes);
    }
}
