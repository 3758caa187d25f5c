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
 * construction so the view stays valid after the HTTP request is recycled. Its request parameters
 * are the endpoint's path parameters (in template order) followed by the query parameters: both
 * are parameters of the request the endpoint was matched with.
 */
final class WsHandshakeRequest implements HandshakeRequest {

    private final UpgradeRequest request;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> parameters;
    private final URI requestUri;
    private final String queryString;
    private final Principal principal;
    private final Object httpSession;

    WsHandshakeRequest(UpgradeRequest request, URI requestUri, Map<String, String> pathParameters,
                       Map<String, List<String>> queryParameters, Map<String, List<String>> readOnlyHeaders) {
        this.request = request;
        this.headers = readOnlyHeaders;
        this.parameters = readOnlyParameters(pathParameters, queryParameters);
        this.requestUri = requestUri;
        this.queryString = request.getQueryString();
        this.principal = request.getUserPrincipal();
        this.httpSession = request.getHttpSession();
    }

    private static Map<String, List<String>> readOnlyParameters(Map<String, String> path,
                                                                Map<String, List<String>> query) {
        boolean noPath = path == null || path.isEmpty();
        boolean noQuery = query == null || query.isEmpty();
        if (noPath && noQuery) {
            return Map.of();
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        if (!noPath) {
            path.forEach((k, v) -> lists.computeIfAbsent(k, n -> new ArrayList<>()).add(v));
        }
        if (!noQuery) {
            // A query parameter named like a path parameter adds its values after the path's.
            query.forEach((k, v) -> {
                List<String> values = lists.computeIfAbsent(k, n -> new ArrayList<>());
                if (v != null) {
                    values.addAll(v);
                }
            });
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        lists.forEach((k, v) -> out.put(k, Collections.unmodifiableList(v)));
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
