package dev.gannet.websocket.server;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of one path segment as UTF-8 (RFC 3986 §2.1). Unlike
 * {@code URLDecoder}, '+' stays '+' (it means space only in form data), and malformed input is
 * reported instead of guessed at.
 */
final class PercentDecoder {

    private PercentDecoder() {
    }

    /** The decoded segment, or {@code null} for a bad escape or bytes that are not UTF-8. */
    static String decode(String s) {
        int pct = s.indexOf('%');
        if (pct < 0) {
            return s;
        }
        ByteBuffer bytes = ByteBuffer.allocate(s.length() * 3);
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 3;
            } else {
                // Characters outside ASCII that arrive unescaped are kept as their UTF-8 bytes.
                int cp = s.codePointAt(i);
                bytes.put(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        bytes.flip();
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
