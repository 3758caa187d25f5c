package dev.gannet.websocket.session;

/**
 * The one naming scheme of Gannet's session limits, shared by the server and the client so that
 * one spelling works everywhere: {@code dev.gannet.websocket.<name>}. On the server a key is read
 * as a container-wide servlet context init parameter and, per endpoint, from
 * {@code ServerEndpointConfig.getUserProperties()}; on the client from the container's default
 * properties and, per connection, from {@code ClientEndpointConfig.getUserProperties()} (the
 * endpoint's or connection's value wins). Values are a {@code Number} or a decimal
 * {@code String}; durations in milliseconds, sizes in bytes. {@link SessionSettings#withOverrides}
 * applies them to a {@link SessionSettings}.
 */
public final class SettingKeys {

    /** Common prefix of every key. */
    public static final String PREFIX = "dev.gannet.websocket.";

    /** Idle timeout in ms; 0 or less: none. Default 0. ({@link SessionSettings#maxIdleTimeoutMs()}) */
    public static final String IDLE_TIMEOUT = PREFIX + "idleTimeout";

    /** Largest whole text message buffered, bytes. Default {@value SessionSettings#DEFAULT_MESSAGE_BUFFER_SIZE}. */
    public static final String MAX_TEXT_MESSAGE_BUFFER_SIZE = PREFIX + "maxTextMessageBufferSize";

    /** Largest whole binary message buffered, bytes. Default {@value SessionSettings#DEFAULT_MESSAGE_BUFFER_SIZE}. */
    public static final String MAX_BINARY_MESSAGE_BUFFER_SIZE = PREFIX + "maxBinaryMessageBufferSize";

    /** Send timeout in ms; 0 or less: none. Default {@value SessionSettings#DEFAULT_SEND_TIMEOUT_MS}. */
    public static final String ASYNC_SEND_TIMEOUT = PREFIX + "asyncSendTimeout";

    /** Payload bytes a session may queue unwritten. Default {@value SessionSettings#DEFAULT_OUTBOUND_QUEUE_BYTES}. */
    public static final String MAX_OUTBOUND_QUEUE_BYTES = PREFIX + "maxOutboundQueueBytes";

    /** Wait for the peer's close frame, ms. Default {@value SessionSettings#DEFAULT_CLOSE_TIMEOUT_MS}. */
    public static final String CLOSE_TIMEOUT = PREFIX + "closeTimeout";

    /**
     * Capacity in bytes of the pipe feeding a {@code Reader}/{@code InputStream} message handler:
     * how far the inbound path may run ahead of a slow stream reader. Default
     * {@value SessionSettings#DEFAULT_STREAM_BUFFER_BYTES}.
     */
    public static final String STREAM_BUFFER_SIZE = PREFIX + "streamBufferSize";

    private SettingKeys() {
    }
}
