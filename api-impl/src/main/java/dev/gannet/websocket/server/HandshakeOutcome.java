package dev.gannet.websocket.server;

import dev.gannet.websocket.transport.Transport;
import jakarta.websocket.Session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server's answer to one WebSocket upgrade request, for the HTTP layer to send: the status
 * (101 when accepted; 400 malformed request, 403 origin refused, 404 no endpoint, 426 unsupported
 * version, 500 the application's configurator or endpoint constructor failed), the response
 * headers, and for a refusal a reason meant for the log (not for the client). When accepted,
 * the HTTP layer sends the 101 with these headers, switches the connection, and then calls
 * {@link #openSession(Transport)} exactly once with the connection's transport.
 */
public final class HandshakeOutcome {

    /** 101 Switching Protocols. */
    public static final int SWITCHING_PROTOCOLS = 101;
    /** 400 Bad Request: not a valid RFC 6455 opening handshake. */
    public static final int BAD_REQUEST = 400;
    /** 403 Forbidden: the configurator's checkOrigin refused the Origin. */
    public static final int FORBIDDEN = 403;
    /** 404 Not Found: no endpoint is deployed at the path. */
    public static final int NOT_FOUND = 404;
    /** 426 Upgrade Required: the client speaks another WebSocket version (13 is sent back). */
    public static final int UPGRADE_REQUIRED = 426;
    /** 500 Internal Server Error: application code failed during the handshake. */
    public static final int SERVER_ERROR = 500;
    /** 503 Service Unavailable: the container is shut down. */
    public static final int UNAVAILABLE = 503;

    private final int status;
    private final Map<String, List<String>> headers;
    private final String failureReason;
    private final PreparedConnection prepared;
    private final AtomicBoolean opened = new AtomicBoolean();

    private HandshakeOutcome(int status, Map<String, List<String>> headers, String failureReason,
                             PreparedConnection prepared) {
        this.status = status;
        this.headers = Headers.readOnlyCopy(headers);
        this.failureReason = failureReason;
        this.prepared = prepared;
    }

    static HandshakeOutcome accepted(Map<String, List<String>> headers, PreparedConnection prepared) {
        return new HandshakeOutcome(SWITCHING_PROTOCOLS, headers, null, prepared);
    }

    static HandshakeOutcome refused(int status, String reason) {
        return refused(status, reason, Map.of());
    }

    static HandshakeOutcome refused(int status, String reason, Map<String, List<String>> headers) {
        return new HandshakeOutcome(status, headers, reason, null);
    }

    /** Whether the upgrade is accepted (status 101). */
    public boolean isAccepted() {
        return prepared != null;
    }

    /** The HTTP status to send. */
    public int status() {
        return status;
    }

    /**
     * The response headers to send, read-only, names case-insensitive. For 101: Upgrade,
     * Connection, Sec-WebSocket-Accept, the negotiated Sec-WebSocket-Protocol and
     * Sec-WebSocket-Extensions if any, and whatever the configurator's modifyHandshake added.
     * For 426: Sec-WebSocket-Version.
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** Why the upgrade was refused, for the log; {@code null} when accepted. */
    public String failureReason() {
        return failureReason;
    }

    /** The negotiated subprotocol, "" when none (or when refused). */
    public String subprotocol() {
        return prepared == null ? "" : prepared.subprotocol();
    }

    /**
     * Creates the WebSocket session on the upgraded connection, registers it with the container
     * and starts it (the endpoint's onOpen runs, then reading begins). Call once, after the
     * 101 response has been committed.
     *
     * @throws IllegalStateException when the upgrade was refused, or on a second call, or when
     *                               the container was shut down meanwhile (the transport is then
     *                               closed)
     */
    public Session openSession(Transport transport) {
        if (prepared == null) {
            throw new IllegalStateException("The upgrade was refused (" + status + "): " + failureReason);
        }
        if (!opened.compareAndSet(false, true)) {
            throw new IllegalStateException("openSession was already called for this handshake");
        }
        return prepared.container().openSession(prepared, transport);
    }

    /** What an accepted handshake decided; null when refused. */
    PreparedConnection prepared() {
        return prepared;
    }

    @Override
    public String toString() {
        return isAccepted() ? "101 " + headers : status + " " + failureReason;
    }
}
