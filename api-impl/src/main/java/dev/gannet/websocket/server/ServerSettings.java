package dev.gannet.websocket.server;

import java.util.Map;
import java.util.function.Function;

/**
 * Container-wide limits and switches of a {@link GannetServerContainer}, each with a documented
 * default, settable programmatically (fluent setters), from string properties such as servlet
 * init parameters ({@link #apply(Function)}, keys in {@link ConfigKeys}), and overridable per
 * endpoint through user properties ({@link #forEndpoint(Map)}). Thread-safe: the
 * {@code WebSocketContainer} setters may run while handshakes read the values; a change affects
 * sessions opened afterwards.
 */
public final class ServerSettings {

    /** Default idle timeout: 0, sessions never time out (the WebSocket API's own default meaning). */
    public static final long DEFAULT_IDLE_TIMEOUT = 0L;
    /** Default largest text message: 64 KiB. */
    public static final int DEFAULT_MAX_TEXT_MESSAGE_BUFFER_SIZE = 64 * 1024;
    /** Default largest binary message: 64 KiB. */
    public static final int DEFAULT_MAX_BINARY_MESSAGE_BUFFER_SIZE = 64 * 1024;
    /** Default send timeout: 60 s, so that a send to a peer that stopped reading cannot hang forever. */
    public static final long DEFAULT_ASYNC_SEND_TIMEOUT = 60_000L;
    /** Default outbound queue bound per session: 16 MiB of payload not yet written. */
    public static final long DEFAULT_MAX_OUTBOUND_QUEUE_BYTES = 16L * 1024 * 1024;
    /** Default wait for the peer's close frame: 5 s. */
    public static final long DEFAULT_CLOSE_TIMEOUT = 5_000L;
    /** Default capacity of the pipe feeding a stream handler: 64 KiB. */
    public static final int DEFAULT_STREAM_BUFFER_SIZE = 64 * 1024;
    /** Default: permessage-deflate is offered. */
    public static final boolean DEFAULT_PERMESSAGE_DEFLATE = true;

    private volatile long idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private volatile int maxTextMessageBufferSize = DEFAULT_MAX_TEXT_MESSAGE_BUFFER_SIZE;
    private volatile int maxBinaryMessageBufferSize = DEFAULT_MAX_BINARY_MESSAGE_BUFFER_SIZE;
    private volatile long asyncSendTimeout = DEFAULT_ASYNC_SEND_TIMEOUT;
    private volatile long maxOutboundQueueBytes = DEFAULT_MAX_OUTBOUND_QUEUE_BYTES;
    private volatile long closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private volatile boolean permessageDeflate = DEFAULT_PERMESSAGE_DEFLATE;
    private volatile int streamBufferSize = DEFAULT_STREAM_BUFFER_SIZE;

    /** Settings with every default. */
    public ServerSettings() {
    }

    /**
     * Sets every key that {@code lookup} knows (returns non-null for); others keep their value.
     *
     * @throws IllegalArgumentException naming the key when a value is not valid
     */
    public ServerSettings apply(Function<String, String> lookup) {
        String v;
        if ((v = lookup.apply(ConfigKeys.IDLE_TIMEOUT)) != null) {
            idleTimeout(parseLong(ConfigKeys.IDLE_TIMEOUT, v));
        }
        if ((v = lookup.apply(ConfigKeys.MAX_TEXT_MESSAGE_BUFFER_SIZE)) != null) {
            maxTextMessageBufferSize(parseInt(ConfigKeys.MAX_TEXT_MESSAGE_BUFFER_SIZE, v));
        }
        if ((v = lookup.apply(ConfigKeys.MAX_BINARY_MESSAGE_BUFFER_SIZE)) != null) {
            maxBinaryMessageBufferSize(parseInt(ConfigKeys.MAX_BINARY_MESSAGE_BUFFER_SIZE, v));
        }
        if ((v = lookup.apply(ConfigKeys.ASYNC_SEND_TIMEOUT)) != null) {
            asyncSendTimeout(parseLong(ConfigKeys.ASYNC_SEND_TIMEOUT, v));
        }
        if ((v = lookup.apply(ConfigKeys.MAX_OUTBOUND_QUEUE_BYTES)) != null) {
            maxOutboundQueueBytes(parseLong(ConfigKeys.MAX_OUTBOUND_QUEUE_BYTES, v));
        }
        if ((v = lookup.apply(ConfigKeys.CLOSE_TIMEOUT)) != null) {
            closeTimeout(parseLong(ConfigKeys.CLOSE_TIMEOUT, v));
        }
        if ((v = lookup.apply(ConfigKeys.PERMESSAGE_DEFLATE)) != null) {
            permessageDeflate(parseBoolean(ConfigKeys.PERMESSAGE_DEFLATE, v));
        }
        if ((v = lookup.apply(ConfigKeys.STREAM_BUFFER_SIZE)) != null) {
            streamBufferSize(parseInt(ConfigKeys.STREAM_BUFFER_SIZE, v));
        }
        return this;
    }

    /**
     * The values for one endpoint: these settings, overridden by the keys of {@link ConfigKeys}
     * found in the endpoint's user properties.
     *
     * @throws IllegalArgumentException naming the key when a property value is not valid
     */
    public Effective forEndpoint(Map<String, Object> userProperties) {
        Effective base = snapshot();
        if (userProperties == null || userProperties.isEmpty()) {
            return base;
        }
        ServerSettings copy = new ServerSettings().copyOf(base);
        copy.apply(key -> {
            Object o = userProperties.get(key);
            return o == null ? null : o.toString();
        });
        return copy.snapshot();
    }

    /** The current values, frozen. */
    public Effective snapshot() {
        return new Effective(idleTimeout, maxTextMessageBufferSize, maxBinaryMessageBufferSize, asyncSendTimeout,
                maxOutboundQueueBytes, closeTimeout, permessageDeflate, streamBufferSize);
    }

    private ServerSettings copyOf(Effective e) {
        idleTimeout = e.idleTimeout();
        maxTextMessageBufferSize = e.maxTextMessageBufferSize();
        maxBinaryMessageBufferSize = e.maxBinaryMessageBufferSize();
        asyncSendTimeout = e.asyncSendTimeout();
        maxOutboundQueueBytes = e.maxOutboundQueueBytes();
        closeTimeout = e.closeTimeout();
        permessageDeflate = e.permessageDeflate();
        streamBufferSize = e.streamBufferSize();
        return this;
    }

    /** Idle timeout in ms; zero or negative: never. */
    public ServerSettings idleTimeout(long millis) {
        this.idleTimeout = millis;
        return this;
    }

    /** Largest text message in bytes; must be positive. */
    public ServerSettings maxTextMessageBufferSize(int bytes) {
        this.maxTextMessageBufferSize = positive(ConfigKeys.MAX_TEXT_MESSAGE_BUFFER_SIZE, bytes);
        return this;
    }

    /** Largest binary message in bytes; must be positive. */
    public ServerSettings maxBinaryMessageBufferSize(int bytes) {
        this.maxBinaryMessageBufferSize = positive(ConfigKeys.MAX_BINARY_MESSAGE_BUFFER_SIZE, bytes);
        return this;
    }

    /** Send timeout in ms; zero or negative: never. */
    public ServerSettings asyncSendTimeout(long millis) {
        this.asyncSendTimeout = millis;
        return this;
    }

    /** Outbound queue bound per session in bytes; must be positive. */
    public ServerSettings maxOutboundQueueBytes(long bytes) {
        this.maxOutboundQueueBytes = positive(ConfigKeys.MAX_OUTBOUND_QUEUE_BYTES, bytes, "number of bytes");
        return this;
    }

    /** Wait for the peer's close frame in ms; must be positive. */
    public ServerSettings closeTimeout(long millis) {
        this.closeTimeout = positive(ConfigKeys.CLOSE_TIMEOUT, millis, "milliseconds");
        return this;
    }

    /** Whether permessage-deflate is negotiated when a client offers it. */
    public ServerSettings permessageDeflate(boolean enabled) {
        this.permessageDeflate = enabled;
        return this;
    }

    /** Capacity of the pipe feeding a stream handler, in bytes; must be positive. */
    public ServerSettings streamBufferSize(int bytes) {
        this.streamBufferSize = positive(ConfigKeys.STREAM_BUFFER_SIZE, bytes);
        return this;
    }

    public int streamBufferSize() {
        return streamBufferSize;
    }

    public long idleTimeout() {
        return idleTimeout;
    }

    public int maxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    public int maxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    public long asyncSendTimeout() {
        return asyncSendTimeout;
    }

    public long maxOutboundQueueBytes() {
        return maxOutboundQueueBytes;
    }

    public long closeTimeout() {
        return closeTimeout;
    }

    public boolean permessageDeflate() {
        return permessageDeflate;
    }

    /**
     * The settings that apply to one endpoint (or the whole container) at one moment: an
     * immutable snapshot, taken for each handshake from the live settings and the endpoint's
     * user properties, so an open session keeps the limits it was opened with when the
     * container-wide values change later.
     *
     * @param idleTimeout                ms, zero or negative: never
     * @param maxTextMessageBufferSize   bytes
     * @param maxBinaryMessageBufferSize bytes
     * @param asyncSendTimeout           ms, zero or negative: never
     * @param maxOutboundQueueBytes      bytes
     * @param closeTimeout               ms
     * @param permessageDeflate          whether permessage-deflate may be negotiated
     * @param streamBufferSize           bytes of the pipe feeding a stream handler
     */
    public record Effective(long idleTimeout, int maxTextMessageBufferSize, int maxBinaryMessageBufferSize,
                            long asyncSendTimeout, long maxOutboundQueueBytes, long closeTimeout,
                            boolean permessageDeflate, int streamBufferSize) {
    }

    private static int positive(String key, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be a positive number of bytes, not " + v);
        }
        return v;
    }

    private static long positive(String key, long v, String unit) {
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be a positive " + unit + ", not " + v);
        }
        return v;
    }

    private static long parseLong(String key, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not \"" + v + "\"", e);
        }
    }

    private static int parseInt(String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number up to " + Integer.MAX_VALUE
                    + ", not \"" + v + "\"", e);
        }
    }

    private static boolean parseBoolean(String key, String v) {
        String t = v.trim();
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false, not \"" + v + "\"");
    }
}
