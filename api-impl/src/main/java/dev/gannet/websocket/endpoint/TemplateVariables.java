package dev.gannet.websocket.endpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * The variable names of a level-1 URI template path and the shape checks of spec 3.1.1 that an
 * annotated path must pass before deployment. Matching requests against templates is the server
 * package's job; this only reads and vets the annotation's value.
 */
final class TemplateVariables {

    private TemplateVariables() {
    }

    /** Names of the {@code {var}} segments; null if the path is malformed (see {@link #problem}). */
    static List<String> names(String path) {
        return problem(path) == null ? scan(path) : null;
    }

    /** What is wrong with a server endpoint path, or null when it is acceptable. */
    static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "the path is missing";
        }
        if (path.charAt(0) != '/') {
            return "the path does not start with '/'";
        }
        if (path.contains("//") || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..")) {
            return "the path contains '//', '/./' or '/../'";
        }
        List<String> seen = new ArrayList<>();
        for (String segment : path.substring(1).split("/", -1)) {
            boolean opens = segment.indexOf('{') >= 0;
            boolean closes = segment.indexOf('}') >= 0;
            if (!opens && !closes) {
                continue;
            }
            if (!segment.startsWith("{") || !segment.endsWith("}") || segment.length() < 3
                    || segment.indexOf('{', 1) >= 0 || segment.indexOf('}') != segment.length() - 1) {
                return "the segment '" + segment + "' is not a literal nor a whole-segment variable {name}";
            }
            String name = segment.substring(1, segment.length() - 1);
            if (seen.contains(name)) {
                return "the variable {" + name + "} is used more than once";
            }
            seen.add(name);
        }
        return null;
    }

    private static List<String> scan(String path) {
        List<String> names = new ArrayList<>();
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.startsWith("{")) {
                names.add(segment.substring(1, segment.length() - 1));
            }
        }
        return List.copyOf(names);
    }
}
