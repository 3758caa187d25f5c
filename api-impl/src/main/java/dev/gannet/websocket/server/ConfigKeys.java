package dev.gannet.websocket.server;

/**
 * The names of Gannet's server settings, in one place. Each name works in two ways: as a
 * servlet context init parameter (container-wide, read by the servlet integration into
 * {@link ServerSettings}) and as a key of {@code ServerEndpointConfig.getUserProperties()}
 * (per endpoint, overriding the container value; the value may be a {@code Number}, a
 * {@code Boolean} or a {@code String}). Durations are in milliseconds, sizes in bytes.
 */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    /** Common prefix of every key. */
    public static final String PREFIX = "dev.gannet.websocket.";

    /** Session idle timeout in ms; zero or negative: never. Default {@value ServerSettings#DEFAULT_IDLE_TIMEOUT}. */
    public static final String IDLE_TIMEOUT = PREFIX + "idleTimeout";

    /** Largest whole text message buffered, in bytes. Default {@value ServerSettings#DEFAULT_MAX_TEXT_MESSAGE_BUFFER_SIZE}. */
    public static final String MAX_TEXT_MESSAGE_BUFFER_SIZE = PREFIX + "maxTextMessageBufferSize";

    /** Largest whole binary message buffered, in bytes. Default {@value ServerSettings#DEFAULT_MAX_BINARY_MESSAGE_BUFFER_SIZE}. */
    public static final String MAX_BINARY_MESSAGE_BUFFER_SIZE = PREFIX + "maxBinaryMessageBufferSize";

    /** Send timeout in ms; zero or negative: never. Default {@value ServerSettings#DEFAULT_ASYNC_SEND_TIMEOUT}. */
    public static final String ASYNC_SEND_TIMEOUT = PREFIX + "asyncSendTimeout";

    /** Bytes that may wait in one session's outbound queue. Default {@value ServerSettings#DEFAULT_MAX_OUTBOUND_QUEUE_BYTES}. */
    public static final String MAX_OUTBOUND_QUEUE_BYTES = PREFIX + "maxOutboundQueueBytes";

    /** How long a closing session waits for the peer's close frame, in ms. Default {@value ServerSettings#DEFAULT_CLOSE_TIMEOUT}. */
    public static final String CLOSE_TIMEOUT = PREFIX + "closeTimeout";

    /** Whether permessage-deflate (RFC 7692) is offered to clients. Default {@value ServerSettings#DEFAULT_PERMESSAGE_DEFLATE}. */
    public static final String PERMESSAGE_DEFLATE = PREFIX + "permessageDeflate";
}
