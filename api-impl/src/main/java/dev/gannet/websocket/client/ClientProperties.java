package dev.gannet.websocket.client;

import dev.gannet.websocket.session.SettingKeys;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The settings the Gannet client reads, by key, with their defaults. Set one for a single
 * connection in the {@link jakarta.websocket.ClientEndpointConfig}'s user properties, or for every
 * connection of a container in {@link GannetClientContainer#getDefaultProperties()} (a
 * connection's user property wins). Timeouts are milliseconds and sizes bytes, given as a
 * {@link Number} or a decimal {@link String}; credentials are Strings (a password may also be a
 * {@code char[]}) and are sent only in answer to a 401/407 challenge (Basic over plain ws or to
 * an HTTP proxy is readable on the network: prefer Digest or wss).
 */
public final class ClientProperties {

    private static final String P = "dev.gannet.websocket.client.";

    /** {@link SSLContext} for wss when the config's {@code getSSLContext()} is null; default: {@code SSLContext.getDefault()}. */
    public static final String SSL_CONTEXT = P + "sslContext";
    /** {@code Boolean} (or "true"/"false"): verify the server's host name against its certificate; default true. */
    public static final String HOSTNAME_VERIFICATION = P + "hostnameVerification";
    /** TCP connect timeout in ms (per attempt, proxy included); default 30000; 0 or less waits for the OS. */
    public static final String CONNECT_TIMEOUT = P + "connectTimeout";
    /** Time allowed for TLS, proxy CONNECT and the upgrade exchange together, in ms; default 30000. */
    public static final String HANDSHAKE_TIMEOUT = P + "handshakeTimeout";
    /** Largest HTTP response head (status line and headers) accepted, in bytes (1 to 2^31-1); default 65536. */
    public static final String MAX_RESPONSE_HEAD_SIZE = P + "maxResponseHeadSize";
    /** Socket read buffer size in bytes (1 to 2^31-1); default 16384. */
    public static final String READ_BUFFER_SIZE = P + "readBufferSize";
    /**
     * HTTP proxy as {@code host:port} or {@code http://host:port}; {@code "DIRECT"} disables proxying.
     * Default: ask {@link java.net.ProxySelector#getDefault()} for {@code http(s)://host:port}.
     */
    public static final String PROXY = P + "proxy";
    /** User name for Basic/Digest authentication to the proxy (407). */
    public static final String PROXY_USERNAME = P + "proxy.username";
    /** Password for Basic/Digest authentication to the proxy. */
    public static final String PROXY_PASSWORD = P + "proxy.password";
    /** User name for Basic/Digest authentication to the server (401). */
    public static final String AUTH_USERNAME = P + "auth.username";
    /** Password for Basic/Digest authentication to the server. */
    public static final String AUTH_PASSWORD = P + "auth.password";

    // Session settings: the engine-wide names (SettingKeys), the same the server reads, so one
    // spelling works on both sides. Each overrides the container's default for one connection.
    /** Session idle timeout in ms (0 or less: none); default: the container's {@code getDefaultMaxSessionIdleTimeout()} (0). */
    public static final String IDLE_TIMEOUT = SettingKeys.IDLE_TIMEOUT;
    /** Largest whole text message buffered, in bytes; default: the container's (65536). */
    public static final String MAX_TEXT_MESSAGE_BUFFER_SIZE = SettingKeys.MAX_TEXT_MESSAGE_BUFFER_SIZE;
    /** Largest whole binary message buffered, in bytes; default: the container's (65536). */
    public static final String MAX_BINARY_MESSAGE_BUFFER_SIZE = SettingKeys.MAX_BINARY_MESSAGE_BUFFER_SIZE;
    /** Send timeout in ms (0 or less: none); default: the container's {@code getDefaultAsyncSendTimeout()} (60000). */
    public static final String ASYNC_SEND_TIMEOUT = SettingKeys.ASYNC_SEND_TIMEOUT;
    /** Payload bytes one session may queue unsent before senders wait or fail; default 16 MiB. */
    public static final String MAX_OUTBOUND_QUEUE_BYTES = SettingKeys.MAX_OUTBOUND_QUEUE_BYTES;
    /**
     * How long a closing session waits for the server's close frame, in ms; default 5000. After its last
     * frame the client also waits up to this long for the server to close TCP first (RFC 6455 §7.1.1).
     */
    public static final String CLOSE_TIMEOUT = SettingKeys.CLOSE_TIMEOUT;
    /** Capacity of the pipe feeding a stream message handler, in bytes; default 65536. */
    public static final String STREAM_BUFFER_SIZE = SettingKeys.STREAM_BUFFER_SIZE;

    static final long DEFAULT_CONNECT_TIMEOUT = 30_000;
    static final long DEFAULT_HANDSHAKE_TIMEOUT = 30_000;
    static final int DEFAULT_MAX_RESPONSE_HEAD_SIZE = 65_536;
    static final int DEFAULT_READ_BUFFER_SIZE = 16_384;

    private ClientProperties() {
    }

    static long longValue(Map<String, Object> props, String key, long dflt) {
        Object v = props.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("User property " + key + " must be a number of "
                    + (key.endsWith("Timeout") ? "milliseconds" : "bytes") + ", not \"" + v + "\"", e);
        }
    }

    /**
     * A size in bytes that must fit an {@code int} buffer: 1 to {@link Integer#MAX_VALUE}. Checked
     * here because a silent {@code (int)} cast would turn 3e9 into a negative size and a
     * misleading failure far from the property that caused it.
     */
    static int sizeValue(Map<String, Object> props, String key, int dflt) {
        long v = longValue(props, key, dflt);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("User property " + key + " must be a number of bytes from 1 to "
                    + Integer.MAX_VALUE + ", not " + v);
        }
        return (int) v;
    }

    static boolean booleanValue(Map<String, Object> props, String key, boolean dflt) {
        Object v = props.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("User property " + key + " must be true or false, not \"" + v + "\"");
    }

    static String stringValue(Map<String, Object> props, String key) {
        Object v = props.get(key);
        if (v == null) {
            return null;
        }
        return v instanceof char[] c ? new String(c) : v.toString();
    }
}
