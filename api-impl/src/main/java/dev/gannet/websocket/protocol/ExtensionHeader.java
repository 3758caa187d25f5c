package dev.gannet.websocket.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses and writes {@code Sec-WebSocket-Extensions} values by the grammar of RFC 6455 §9.1:
 * a comma-separated list of {@code extension-token *( ";" extension-param )}, each parameter
 * {@code token [ "=" (token | quoted-string) ]}, where a quoted value must be a token once
 * unquoted. Optional whitespace is allowed around the separators and empty list elements are
 * skipped (RFC 7230 §7). Formatting always writes values as bare tokens, which the record types
 * guarantee they are.
 */
public final class ExtensionHeader {

    private ExtensionHeader() {
    }

    /**
     * The offers of one header value, in order; empty for null or blank.
     *
     * @throws IllegalArgumentException naming the fault and its position for bad syntax
     */
    public static List<ExtensionOffer> parse(String headerValue) {
        List<ExtensionOffer> out = new ArrayList<>();
        if (headerValue != null) {
            new Cursor(headerValue).parseInto(out);
        }
        return out;
    }

    /** The offers of several header lines, concatenated in order. */
    public static List<ExtensionOffer> parseAll(List<String> headerValues) {
        List<ExtensionOffer> out = new ArrayList<>();
        if (headerValues != null) {
            for (String value : headerValues) {
                if (value != null) {
                    new Cursor(value).parseInto(out);
                }
            }
        }
        return out;
    }

    /** One header value for {@code offers}, e.g. {@code permessage-deflate; client_max_window_bits=10, x}. */
    public static String format(List<ExtensionOffer> offers) {
        StringBuilder sb = new StringBuilder();
        for (ExtensionOffer offer : offers) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(offer.name());
            for (ExtensionParameter p : offer.parameters()) {
                sb.append("; ").append(p.name());
                if (p.value() != null) {
                    sb.append('=').append(p.value());
                }
            }
        }
        return sb.toString();
    }

    /** A position in one header value. */
    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        void parseInto(List<ExtensionOffer> out) {
            while (true) {
                skipOws();
                if (i == s.length()) {
                    return;
                }
                if (s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                String name = token("extension name");
                List<ExtensionParameter> params = new ArrayList<>();
                skipOws();
                while (i < s.length() && s.charAt(i) == ';') {
                    i++;
                    skipOws();
                    String pname = token("parameter name");
                    String value = null;
                    skipOws();
                    if (i < s.length() && s.charAt(i) == '=') {
                        i++;
                        skipOws();
                        if (i < s.length() && s.charAt(i) == '"') {
                            int at = i;
                            value = quoted();
                            if (!HttpTokens.isToken(value)) {
                                throw fault("quoted value of parameter " + pname + " is not a token", at);
                            }
                        } else {
                            value = token("value of parameter " + pname);
                        }
                        skipOws();
                    }
                    params.add(new ExtensionParameter(pname, value));
                }
                out.add(new ExtensionOffer(name, params));
                if (i < s.length() && s.charAt(i) != ',') {
                    throw fault("expected ',' or ';' but found '" + s.charAt(i) + "'", i);
                }
            }
        }

        private String token(String what) {
            int start = i;
            while (i < s.length() && HttpTokens.isTokenChar(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw fault("expected a token for the " + what
                        + (i < s.length() ? " but found '" + s.charAt(i) + "'" : " but the value ended"), i);
            }
            return s.substring(start, i);
        }

        private String quoted() {
            int start = i++;
            StringBuilder sb = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (i == s.length()) {
                        break;
                    }
                    c = s.charAt(i++);
                }
                sb.append(c);
            }
            throw fault("unterminated quoted string", start);
        }

        private void skipOws() {
            while (i < s.length() && HttpTokens.isOws(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException fault(String what, int at) {
            return new IllegalArgumentException("Bad Sec-WebSocket-Extensions value '" + s + "': " + what
                    + " at index " + at);
        }
    }
}
