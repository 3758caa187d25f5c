package dev.gannet.websocket.server;

import jakarta.websocket.DeploymentException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployed endpoints and the spec's matching (§3.1.1). Registration happens at deploy time
 * and is rare, so it copies an immutable snapshot; matching, on every handshake, reads one
 * volatile field and takes no lock.
 *
 * <p>Precedence: among the endpoint paths that match the request, the best is the one that has
 * a literal where the others have a variable at the leftmost segment where they differ. That is
 * the spec's left-to-right "retain exact matches, else variables" walk, applied to the paths
 * that match as a whole (see {@link #match}).
 */
final class EndpointRegistry {

    /** Immutable state: exact paths by decoded segments, templates by segment count in precedence order. */
    private record Snapshot(Map<List<String>, DeployedEndpoint> exact,
                            Map<Integer, List<DeployedEndpoint>> templatesBySize,
                            Map<List<String>, DeployedEndpoint> byKey) {
    }

    private static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of());

    private volatile Snapshot snapshot = EMPTY;

    /**
     * Adds an endpoint.
     *
     * @throws DeploymentException when its path is the same as, or an equivalent template of,
     *                             a deployed one's
     */
    synchronized void add(DeployedEndpoint endpoint) throws DeploymentException {
        Snapshot s = snapshot;
        UriTemplate t = endpoint.template();
        DeployedEndpoint clash = s.byKey().get(t.equivalenceKey());
        if (clash != null) {
            String same = clash.template().path().equals(t.path()) ? "the same path"
                    : "an equivalent URI template (" + clash.template().path() + ")";
            throw new DeploymentException("Cannot deploy " + endpoint.endpointClass().getName() + " at \""
                    + t.path() + "\": " + clash.endpointClass().getName() + " is already deployed at " + same);
        }
        Map<List<String>, DeployedEndpoint> byKey = new HashMap<>(s.byKey());
        byKey.put(t.equivalenceKey(), endpoint);
        Map<List<String>, DeployedEndpoint> exact = s.exact();
        Map<Integer, List<DeployedEndpoint>> bySize = s.templatesBySize();
        if (t.isTemplate()) {
            bySize = new HashMap<>(bySize);
            List<DeployedEndpoint> same = new ArrayList<>(bySize.getOrDefault(t.segments().size(), List.of()));
            same.add(endpoint);
            same.sort((a, b) -> UriTemplate.precedence(a.template(), b.template()));
            bySize.put(t.segments().size(), List.copyOf(same));
            bySize = Map.copyOf(bySize);
        } else {
            exact = new HashMap<>(exact);
            exact.put(t.equivalenceKey(), endpoint);
            exact = Map.copyOf(exact);
        }
        snapshot = new Snapshot(exact, bySize, Map.copyOf(byKey));
    }

    /** Forgets every endpoint (shutdown, or a deployment that failed half way). */
    synchronized void clear() {
        snapshot = EMPTY;
    }

    /** Every deployed endpoint, in no particular order. */
    Collection<DeployedEndpoint> all() {
        return snapshot.byKey().values();
    }

    /**
     * Finds the endpoint for a request path relative to the WebSocket root (the servlet context
     * path), still percent-encoded as it came on the request line, without query string.
     * Paths with dot segments never match: the servlet container normalised the path its
     * security constraints saw, and a path that still has them is not one we should reinterpret.
     */
    Optional<EndpointMatch> match(String rawPath) {
        List<String> decoded = decodeSegments(rawPath);
        if (decoded == null) {
            return Optional.empty();
        }
        Snapshot s = snapshot;
        DeployedEndpoint exact = s.exact().get(decoded);
        if (exact != null) {
            // An all-literal path that matches wins every segment of the walk.
            return Optional.of(new EndpointMatch(exact, Map.of()));
        }
        // Sorted by precedence, so the first template that matches as a whole is the best.
        for (DeployedEndpoint candidate : s.templatesBySize().getOrDefault(decoded.size(), List.of())) {
            Map<String, String> params = candidate.template().match(decoded);
            if (params != null) {
                return Optional.of(new EndpointMatch(candidate, params));
            }
        }
        return Optional.empty();
    }

    /** Request path to decoded segments; null when it cannot match anything. */
    static List<String> decodeSegments(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            rawPath = "/"; // the WebSocket root itself
        }
        if (rawPath.charAt(0) != '/') {
            return null;
        }
        List<String> raw = UriTemplate.split(rawPath);
        List<String> out = new ArrayList<>(raw.size());
        for (String seg : raw) {
            String d = PercentDecoder.decode(seg);
            if (d == null || d.equals(".") || d.equals("..")) {
                return null;
            }
            out.add(d);
        }
        return out;
    }
}
