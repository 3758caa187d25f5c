package dev.gannet.websocket.servlet;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Turns the raw request target a container hands over into a {@link URI}. Clients send
 * characters that {@code java.net.URI} rejects ({@code |}, {@code {}}, a space, UTF-8 bytes...)
 * and containers pass them on undecoded, so those are percent-encoded here; existing
 * {@code %XX} escapes are kept as they are (the multi-argument {@code URI} constructors would
 * encode the {@code %} again).
 */
final class RequestTargets {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** What {@code java.net.URI} accepts in a path or query besides letters, digits and {@code %}. */
    private static final String KEPT = "-_.!~*'();/?:@&=+$,";

    private RequestTargets() {
    }

    /**
     * {@code prefix} (scheme and authority, already valid) followed by the raw path and query.
     *
     * @throws IllegalArgumentException naming the raw target when it is still no valid URI (a
     *     malformed escape such as {@code %zz})
     */
    static URI toUri(String prefix, String rawPath, String rawQuery) {
        StringBuilder uri = new StringBuilder(prefix.length() + rawPath.length() + 16).append(prefix);
        appendEncoded(uri, rawPath);
        if (rawQuery != null) {
            uri.append('?');
            appendEncoded(uri, rawQuery);
        }
        try {
            return URI.create(uri.toString());
        } catch (IllegalArgumentException e) {
            String target = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
            throw new IllegalArgumentException("The request target \"" + target + "\" is not a valid URI: "
                    + e.getMessage(), e);
        }
    }

    static void appendEncoded(StringBuilder out, String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '%' || KEPT.indexOf(c) >= 0)) {
                out.append(c);
            } else if (c < 0x80) {
                escape(out, c);
            } else {
                // Containers that pass non-ASCII on (Jetty, in the query) have decoded it as
                // UTF-8; a URI carries it as the UTF-8 octets, escaped (RFC 3987 §3.1).
                int end = i + 1;
                while (end < raw.length() && raw.charAt(end) >= 0x80) {
                    end++;
                }
                for (byte b : raw.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    escape(out, b & 0xFF);
                }
                i = end - 1;
            }
        }
    }

    private static void escape(StringBuilder out, int octet) {
        out.append('%').append(HEX[octet >> 4]).append(HEX[octet & 0xF]);
    }
}
