package dev.gannet.websocket.servlet;

import dev.gannet.websocket.server.UpgradeRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link UpgradeRequest} view of an {@link HttpServletRequest}. The server container reads it
 * only during the handshake, on the request's thread, so the servlet request is still valid.
 */
final class ServletUpgradeRequest implements UpgradeRequest {

    private final HttpServletRequest request;

    ServletUpgradeRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String getMethod() {
        return request.getMethod();
    }

    @Override
    public URI getRequestURI() {
        StringBuilder uri = new StringBuilder(request.isSecure() ? "wss://" : "ws://");
        String host = request.getServerName();
        uri.append(host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host);
        uri.append(':').append(request.getServerPort());
        return RequestTargets.toUri(uri.toString(), request.getRequestURI(), request.getQueryString());
    }

    @Override
    public String getQueryString() {
        return request.getQueryString();
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.computeIfAbsent(name, n -> new ArrayList<>())
                    .addAll(Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    @Override
    public Map<String, List<String>> getParameterMap() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, List.copyOf(Arrays.asList(values))));
        return params;
    }

    @Override
    public Principal getUserPrincipal() {
        return request.getUserPrincipal();
    }

    @Override
    public boolean isUserInRole(String role) {
        return request.getUserPrincipal() != null && request.isUserInRole(role);
    }

    @Override
    public Object getHttpSession() {
        return request.getSession(false);
    }

    @Override
    public boolean isSecure() {
        return request.isSecure();
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return address(request.getRemoteAddr(), request.getRemotePort());
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return address(request.getLocalAddr(), request.getLocalPort());
    }

    static InetSocketAddress address(String literal, int port) {
        if (literal == null || port < 0) {
            return null;
        }
        try {
            // An IP literal: no name lookup happens.
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException | SecurityException e) {
            return InetSocketAddress.createUnresolved(literal, port);
        }
    }
}
