package dev.gannet.websocket.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated header values (the {@code #rule} of RFC 7230 §7) as used by {@code Connection},
 * {@code Upgrade}, {@code Sec-WebSocket-Protocol} and {@code Sec-WebSocket-Version}: elements are
 * trimmed of optional whitespace, empty elements are dropped, and commas inside quoted strings do
 * not split.
 */
public final class HttpTokens {

    private HttpTokens() {
    }

    /** The elements of a comma-separated header value; empty for null or blank. */
    public static List<String> splitCommaList(String headerValue) {
        List<String> out = new ArrayList<>();
        if (headerValue == null) {
            return out;
        }
        int start = 0;
        boolean quoted = false;
        int n = headerValue.length();
        for (int i = 0; i < n; i++) {
            char c = headerValue.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                addTrimmed(out, headerValue, start, i);
                start = i + 1;
            }
        }
        addTrimmed(out, headerValue, start, n);
        return out;
    }

    private static void addTrimmed(List<String> out, String s, int from, int to) {
        while (from < to && isOws(s.charAt(from))) {
            from++;
        }
        while (to > from && isOws(s.charAt(to - 1))) {
            to--;
        }
        if (from < to) {
            out.add(s.substring(from, to));
        }
    }

    static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** Whether any element of {@code headerValue} equals {@code token}, ignoring case. */
    public static boolean containsToken(String headerValue, String token) {
        for (String element : splitCommaList(headerValue)) {
            if (element.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code s} is a non-empty RFC 7230 token. */
    public static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
