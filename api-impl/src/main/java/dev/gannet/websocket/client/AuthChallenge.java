package dev.gannet.websocket.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One challenge of a {@code WWW-Authenticate} or {@code Proxy-Authenticate} header (RFC 9110
 * §11.3): a scheme and its auth-params (names case-insensitive, quoted strings unescaped). A
 * header may carry several challenges separated by commas, and a response several headers.
 */
record AuthChallenge(String scheme, Map<String, String> params) {

    String param(String name) {
        return params.get(name);
    }

    /** Parses every challenge of every header value; malformed tails are dropped, not fatal. */
    static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> out = new ArrayList<>();
        for (String v : headerValues) {
            new Reader(v).readAll(out);
        }
        return out;
    }

    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        void readAll(List<AuthChallenge> out) {
            while (true) {
                skip(", \t");
                if (i >= s.length()) {
                    return;
                }
                String scheme = token();
                if (scheme.isEmpty()) {
                    i++; // not a token: skip the stray character
                    continue;
                }
                Map<String, String> params = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                readParams(params);
                out.add(new AuthChallenge(scheme.toLowerCase(Locale.ROOT), params));
            }
        }

        private void readParams(Map<String, String> params) {
            while (true) {
                skip(" \t");
                int mark = i;
                String name = token();
                skip(" \t");
                if (name.isEmpty() || i >= s.length() || s.charAt(i) != '=') {
                    // not an auth-param: a token68 or the next challenge's scheme
                    if (!name.isEmpty() && params.isEmpty() && i < s.length() && s.charAt(i) != ',') {
                        i = mark;
                        skipToken68();
                        continue;
                    }
                    i = mark;
                    return;
                }
                i++;
                if (i >= s.length() || s.charAt(i) == '=') {
                    skipToken68(); // "abc==": a token68 credential, not a parameter
                    params.clear();
                    if (i < s.length()) {
                        i++;
                    }
                    return;
                }
                skip(" \t");
                String value = i < s.length() && s.charAt(i) == '"' ? quoted() : token();
                params.put(name, value);
                skip(" \t");
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                    skip(" \t,");
                } else {
                    return;
                }
            }
        }

        private void skipToken68() {
            while (i < s.length() && s.charAt(i) != ',') {
                i++;
            }
        }

        private String token() {
            int start = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        private String quoted() {
            StringBuilder sb = new StringBuilder();
            i++; // opening quote
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i < s.length()) {
                    c = s.charAt(i++);
                }
                sb.append(c);
            }
            return sb.toString();
        }

        private void skip(String chars) {
            while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private static boolean isTokenChar(char c) {
            return c > ' ' && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }
    }
}
