package dev.gannet.websocket.client;

import jakarta.websocket.HandshakeResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One parsed HTTP/1.1 response head: status line and headers (names case-insensitive, values in
 * the order received, repeated headers kept apart). Also the {@link HandshakeResponse} a
 * client {@code Configurator.afterResponse} sees.
 */
final class HttpResponse implements HandshakeResponse {

    private final String statusLine;
    private final int status;
    private final Map<String, List<String>> headers;

    HttpResponse(String statusLine, int status, Map<String, List<String>> headers) {
        this.statusLine = statusLine;
        this.status = status;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(copy);
    }

    String statusLine() {
        return statusLine;
    }

    int status() {
        return status;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    /** All values of a header, or an empty list. */
    List<String> values(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The values of a header joined with ", " (RFC 9110 list semantics), or {@code null}. */
    String joined(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : String.join(", ", v);
    }

    /** The status line and the named headers that are present, for error messages. */
    String describe(String... names) {
        StringBuilder sb = new StringBuilder().append('"').append(statusLine).append('"');
        for (String n : names) {
            String v = joined(n);
            if (v != null) {
                sb.append(", ").append(n).append(": ").append(v);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return statusLine + " " + headers;
    }
}
