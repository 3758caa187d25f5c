package dev.gannet.websocket.server;

import jakarta.websocket.server.HandshakeRequest;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link HandshakeRequest} a configurator's {@code modifyHandshake} sees: a read-only view of
 * the {@link UpgradeRequest}, with headers looked up case-insensitively. Values are copied at
 * construction so the view stays valid after the HTTP request is recycled.
 */
final class WsHandshakeRequest implements HandshakeRequest {

    private final UpgradeRequest request;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> parameters;
    private final URI requestUri;
    private final String queryString;
    private final Principal principal;
    private final Object httpSession;

    WsHandshakeRequest(UpgradeRequest request, URI requestUri, Map<String, List<String>> parameters,
                       Map<String, List<String>> readOnlyHeaders) {
        this.request = request;
        this.headers = readOnlyHeaders;
        this.parameters = readOnlyParameters(parameters);
        this.requestUri = requestUri;
        this.queryString = request.getQueryString();
        this.principal = request.getUserPrincipal();
        this.httpSession = request.getHttpSession();
    }

    private static Map<String, List<String>> readOnlyParameters(Map<String, List<String>> in) {
        if (in == null || in.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, v == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(v))));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public URI getRequestURI() {
        return requestUri;
    }

    @Override
    public boolean isUserInRole(String role) {
        // Asked of the live request: roles are not enumerable, so they cannot be copied.
        return principal != null && request.isUserInRole(role);
    }

    @Override
    public Object getHttpSession() {
        return httpSession;
    }

    @Override
    public Map<String, List<String>> getParameterMap() {
        return parameters;
    }

    @Override
    public String getQueryString() {
        return queryString;
    }
}
