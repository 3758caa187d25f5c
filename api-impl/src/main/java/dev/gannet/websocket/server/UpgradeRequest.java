package dev.gannet.websocket.server;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request that asks for a WebSocket upgrade, as the server container needs to see it,
 * whatever HTTP server received it. The servlet integration implements it over
 * {@code HttpServletRequest}; tests build one with {@link SimpleUpgradeRequest}. The container
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
     */
    URI getRequestURI();

    /** The raw query string without '?', or {@code null} when there is none. */
    String getQueryString();

    /**
     * Every request header, each name with all its values in order of arrival. The container
     * looks names up case-insensitively whatever map this returns.
     */
    Map<String, List<String>> getHeaders();

    /** The request parameters (from the query string), each name with all its values. */
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
}
