package dev.gannet.websocket.server;

import dev.gannet.websocket.protocol.HttpTokens;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request that asks for a WebSocket upgrade, as the server container needs to see it,
 * whatever HTTP server received it. The servlet integration implements it over
 * {@code HttpServletRequest}; tests build plain ones field by field. The container
 * reads it only during {@link GannetServerContainer#handshake}, on the calling thread, and keeps
 * the values it needs (it never calls back later, so an implementation may wrap an object that
 * becomes invalid after the handshake).
 */
public interface UpgradeRequest {

    /** The HTTP method, e.g. {@code GET}. */
    String getMethod();

    /**
     * The full request URI including scheme (ws/wss), authority, path and query, as
     * {@code Session.getRequestURI()} and {@code HandshakeRequest.getRequestURI()} return it.
     * The container asks once per handshake, before any application code runs.
     *
     * @throws IllegalArgumentException when the request's target cannot be made a {@link URI}
     *                                  (as {@link URI#create} throws); the container then refuses
     *                                  the handshake with 400 and this exception's message
     */
    URI getRequestURI();

    /** The raw query string without '?', or {@code null} when there is none. */
    String getQueryString();

    /**
     * Every request header, each name with all its values in order of arrival. The container
     * looks names up case-insensitively whatever map this returns.
     */
    Map<String, List<String>> getHeaders();

    /**
     * The request parameters (from the query string), each name with all its values. Asked once
     * per handshake, before any application code runs; an exception here (a query the HTTP server
     * cannot decode) refuses the handshake with 400.
     */
    Map<String, List<String>> getParameterMap();

    /** The authenticated user, or {@code null}. */
    Principal getUserPrincipal();

    /** Whether the authenticated user has the role; false when nobody is authenticated. */
    boolean isUserInRole(String role);

    /** The {@code HttpSession} the request belongs to, or {@code null} (never creates one). */
    Object getHttpSession();

    /** Whether the request came over TLS. */
    boolean isSecure();

    /** The client's address, or {@code null} when unknown. */
    InetSocketAddress getRemoteAddress();

    /** The address the request was received on, or {@code null} when unknown. */
    InetSocketAddress getLocalAddress();

    /**
     * Whether the request asks for a WebSocket upgrade at all (an {@code Upgrade} header naming
     * {@code websocket}), so an HTTP layer can let other requests to an endpoint's path pass
     * through instead of answering them with a handshake error.
     */
    default boolean isWebSocketUpgrade() {
        Map<String, List<String>> headers = Headers.readOnlyCopy(getHeaders());
        for (String value : Headers.all(headers, "Upgrade")) {
            if (HttpTokens.containsToken(value, "websocket")) {
                return true;
            }
        }
        return false;
    }
}
