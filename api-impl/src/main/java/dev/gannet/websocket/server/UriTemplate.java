package dev.gannet.websocket.server;

import jakarta.websocket.DeploymentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server endpoint path: a relative URI or a level-1 URI template (RFC 6570) whose variables
 * replace whole segments, as the spec (§3.1.1) allows. Parsed once at deployment; matching works
 * on the request path split into percent-decoded segments, so that "%2F" inside a segment stays
 * inside it and "/a%62" matches the literal "/ab" (RFC 3986 §6 normalisation).
 *
 * <p>A trailing '/' is significant: the spec's own example says "/a/b/" is matched only by
 * "/a/b/". The last segment of such a path is the empty literal.
 */
final class UriTemplate {

    /** One segment: either a literal (already percent-decoded) or a variable name. */
    record Segment(String literal, String variable) {
        boolean isVariable() {
            return variable != null;
        }
    }

    private final String path;
    private final List<Segment> segments;
    private final List<String> variables;
    private final List<String> equivalenceKey;

    private UriTemplate(String path, List<Segment> segments) {
        this.path = path;
        this.segments = List.copyOf(segments);
        List<String> names = new ArrayList<>();
        // null stands for "a variable here": decoded literals may contain any character, so no
        // string marker could be told apart from a literal.
        List<String> key = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            if (s.isVariable()) {
                names.add(s.variable());
            }
            key.add(s.literal());
        }
        this.variables = Collections.unmodifiableList(names);
        this.equivalenceKey = Collections.unmodifiableList(key);
    }

    /**
     * Parses an endpoint path.
     *
     * @throws DeploymentException naming the path and the rule it breaks
     */
    static UriTemplate parse(String path) throws DeploymentException {
        if (path == null || path.isEmpty()) {
            throw fault(path, "a path is required and must start with '/'");
        }
        if (path.charAt(0) != '/') {
            throw fault(path, "it must start with '/'");
        }
        List<String> raw = split(path);
        List<Segment> segments = new ArrayList<>(raw.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String seg = raw.get(i);
            boolean last = i == raw.size() - 1;
            if (seg.isEmpty() && !last) {
                throw fault(path, "it contains an empty segment ('//')");
            }
            if (seg.equals(".") || seg.equals("..")) {
                throw fault(path, "it contains the dot segment '" + seg + "' ('/./' and '/../' are not allowed)");
            }
            if (seg.startsWith("{") && seg.endsWith("}") && seg.length() >= 2) {
                String name = seg.substring(1, seg.length() - 1);
                checkVariableName(path, name);
                if (!seen.add(name)) {
                    throw fault(path, "the variable {" + name + "} is used more than once");
                }
                segments.add(new Segment(null, name));
            } else {
                segments.add(new Segment(checkLiteral(path, seg), null));
            }
        }
        return new UriTemplate(path, segments);
    }

    /**
     * Splits "/a/b/" into ["a", "b", ""]; "/" gives [""]. The first character must be '/'.
     * Also used on request paths (raw, still percent-encoded).
     */
    static List<String> split(String path) {
        List<String> out = new ArrayList<>(8);
        int start = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                out.add(path.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    private static void checkVariableName(String path, String name) throws DeploymentException {
        if (name.isEmpty()) {
            throw fault(path, "it contains an empty variable name '{}'");
        }
        char first = name.charAt(0);
        if ("+#./;?&=,!@|".indexOf(first) >= 0) {
            throw fault(path, "the variable {" + name + "} uses the operator '" + first
                    + "', which level-1 templates do not allow");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // RFC 6570 varchar plus '-' and '~': the spec's own examples use {guest-id}.
            boolean ok = c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.'
                    || c == '~');
            if (!ok) {
                throw fault(path, "the variable {" + name + "} contains '" + c
                        + "' (allowed: letters, digits, '_', '-', '.', '~')");
            }
        }
    }

    private static String checkLiteral(String path, String seg) throws DeploymentException {
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c == '{' || c == '}') {
                throw fault(path, "the segment '" + seg
                        + "' contains '" + c + "': a variable must be a whole segment, like /{name}");
            }
            if (c == '?' || c == '#') {
                throw fault(path, "it contains '" + c + "' (query and fragment are not part of a path)");
            }
            if (c <= 0x20 || c == 0x7f) {
                throw fault(path, "it contains a space or control character");
            }
        }
        String decoded = PercentDecoder.decode(seg);
        if (decoded == null) {
            throw fault(path, "the segment '" + seg + "' has a malformed percent-encoding");
        }
        return decoded;
    }

    private static DeploymentException fault(String path, String why) {
        return new DeploymentException("Invalid endpoint path \"" + path + "\": " + why);
    }

    /**
     * Matches percent-decoded request segments (see {@link #split}); returns the path
     * parameters (empty for a relative URI) or {@code null} when the path does not match.
     */
    Map<String, String> match(List<String> decodedSegments) {
        if (decodedSegments.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = variables.isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            String actual = decodedSegments.get(i);
            if (s.isVariable()) {
                // An empty string is not a valid level-1 expansion (spec: "/a" does not match /a/{var}).
                if (actual.isEmpty()) {
                    return null;
                }
                params.put(s.variable(), actual);
            } else if (!s.literal().equals(actual)) {
                return null;
            }
        }
        return variables.isEmpty() ? params : Collections.unmodifiableMap(params);
    }

    /** The path as deployed. */
    String path() {
        return path;
    }

    List<Segment> segments() {
        return segments;
    }

    List<String> variables() {
        return variables;
    }

    boolean isTemplate() {
        return !variables.isEmpty();
    }

    /**
     * Equal for paths the spec calls "the same relative URI" or "equivalent URI-templates":
     * literals compared decoded, variables compared by position only.
     */
    List<String> equivalenceKey() {
        return equivalenceKey;
    }

    /**
     * Orders templates of equal length by the spec's precedence: at the first segment where
     * one has a literal and the other a variable, the literal one comes first.
     */
    static int precedence(UriTemplate a, UriTemplate b) {
        int n = Math.min(a.segments.size(), b.segments.size());
        for (int i = 0; i < n; i++) {
            boolean va = a.segments.get(i).isVariable();
            boolean vb = b.segments.get(i).isVariable();
            if (va != vb) {
                return va ? 1 : -1;
            }
        }
        return Integer.compare(a.segments.size(), b.segments.size());
    }

    @Override
    public String toString() {
        return path;
    }
}
