package dev.gannet.websocket.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key exchange of the opening handshake (RFC 6455 §4.1, §4.2.2): the client's random
 * {@code Sec-WebSocket-Key}, its validation on the server, and the {@code Sec-WebSocket-Accept}
 * value both sides compute from it. Leading and trailing whitespace of a header value is not part
 * of the value, so it is ignored.
 */
public final class HandshakeKeys {

    /** The GUID RFC 6455 appends to the key before hashing. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private static final SecureRandom RANDOM = Masking.newRandom();

    private HandshakeKeys() {
    }

    /** The {@code Sec-WebSocket-Accept} value for {@code key}: base64(SHA-1(key + GUID)). */
    public static String accept(String key) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
        byte[] digest = sha1.digest((key.strip() + GUID).getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
    }

    /** Whether {@code key} is the base64 encoding of exactly 16 bytes, as §4.2.1 requires. */
    public static boolean isValidKey(String key) {
        if (key == null) {
            return false;
        }
        String k = key.strip();
        // 16 bytes encode to 22 characters and two '=' of padding.
        if (k.length() != 24 || !k.endsWith("==")) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(k).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A new random key for a client handshake. */
    public static String newKey() {
        byte[] nonce = new byte[16];
        synchronized (RANDOM) {
            RANDOM.nextBytes(nonce);
        }
        return Base64.getEncoder().encodeToString(nonce);
    }
}
