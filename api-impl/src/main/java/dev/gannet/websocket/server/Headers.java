package dev.gannet.websocket.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP header maps whose lookups ignore case (RFC 7230 §3.2), as the WebSocket API promises for
 * {@code HandshakeRequest.getHeaders()} and {@code HandshakeResponse.getHeaders()}.
 */
final class Headers {

    private Headers() {
    }

    /** A new, empty, mutable map with case-insensitive keys that keeps the first spelling seen. */
    static Map<String, List<String>> newMap() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    /** A read-only, case-insensitive copy; values of names differing only in case are merged. */
    static Map<String, List<String>> readOnlyCopy(Map<String, List<String>> headers) {
        Map<String, List<String>> out = newMap();
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    out.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values);
                }
            });
            out.replaceAll((k, v) -> List.copyOf(v));
        }
        return Collections.unmodifiableMap(out);
    }

    /** All values of a header, each comma-separated list element kept as sent; empty if absent. */
    static List<String> all(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null ? List.of() : v;
    }

    /** The only value of a header; {@code null} when absent or when sent more than once. */
    static String single(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.size() != 1 ? null : v.get(0);
    }
}
