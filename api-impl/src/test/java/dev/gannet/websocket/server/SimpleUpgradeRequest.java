package dev.gannet.websocket.server;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain {@link UpgradeRequest} built field by field, for tests in any package (hence public;
 * it lives in the test tree because no production host uses it). The parameter map is derived
 * from the URI's query string (form decoding, UTF-8). Not thread-safe while being built.
 */
public final class SimpleUpgradeRequest implements UpgradeRequest {

    private final String method;
    private final URI uri;
    private final Map<String, List<String>> headers = Headers.newMap();
    private Principal principal;
    private Set<String> roles = Set.of();
    private Object httpSession;
    private InetSocketAddress remote;
    private InetSocketAddress local;

    /** A request with the given method and full URI (ws:// or wss://, path, query), no headers. */
    public SimpleUpgradeRequest(String method, URI uri) {
        this.method = method;
        this.uri = uri;
    }

    /** Adds a header value (repeat the call for a repeated header). */
    public SimpleUpgradeRequest header(String name, String value) {
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    /** The authenticated user and their roles. */
    public SimpleUpgradeRequest user(Principal principal, Set<String> roles) {
        this.principal = principal;
        this.roles = Set.copyOf(roles);
        return this;
    }

    /** The HTTP session object. */
    public SimpleUpgradeRequest httpSession(Object session) {
        this.httpSession = session;
        return this;
    }

    /** The connection's addresses. */
    public SimpleUpgradeRequest addresses(InetSocketAddress remote, InetSocketAddress local) {
        this.remote = remote;
        this.local = local;
        return this;
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getQueryString() {
        return uri.getRawQuery();
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return Collections.unmodifiableMap(headers);
    }

    @Override
    public Map<String, List<String>> getParameterMap() {
        String q = uri.getRawQuery();
        if (q == null || q.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal != null && roles.contains(role);
    }

    @Override
    public Object getHttpSession() {
        return httpSession;
    }

    @Override
    public boolean isSecure() {
        return "wss".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return local;
    }
}
