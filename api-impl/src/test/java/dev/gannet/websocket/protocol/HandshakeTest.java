package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handshake keys and comma-separated header values. */
class HandshakeTest {

    @Test
    void acceptOfTheRfcExample() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", HandshakeKeys.accept("dGhlIHNhbXBsZSBub25jZQ=="));
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", HandshakeKeys.accept(" dGhlIHNhbXBsZSBub25jZQ== "));
    }

    @Test
    void keyValidation() {
        assertTrue(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25jZQ=="));
        assertTrue(HandshakeKeys.isValidKey(" dGhlIHNhbXBsZSBub25jZQ==\t"));
        assertFalse(HandshakeKeys.isValidKey(null));
        assertFalse(HandshakeKeys.isValidKey(""));
        assertFalse(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25jZQ"), "no padding");
        assertFalse(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25jZQo="), "17 bytes");
        assertFalse(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25j"), "15 bytes");
        assertFalse(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25j*Q=="), "not base64");
        assertFalse(HandshakeKeys.isValidKey("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "24 bytes");
    }

    @Test
    void newKeysAreValidAndDistinct() {
        String a = HandshakeKeys.newKey();
        String b = HandshakeKeys.newKey();
        assertTrue(HandshakeKeys.isValidKey(a));
        assertEquals(16, Base64.getDecoder().decode(a).length);
        assertNotEquals(a, b);
    }

    @Test
    void commaLists() {
        assertEquals(List.of("keep-alive", "Upgrade"), HttpTokens.splitCommaList("keep-alive, Upgrade"));
        assertEquals(List.of("a", "b c", "d"), HttpTokens.splitCommaList(" ,a,,\tb c ,d, "));
        assertEquals(List.of("x; q=\"1,2\"", "y"), HttpTokens.splitCommaList("x; q=\"1,2\", y"));
        assertEquals(List.of(), HttpTokens.splitCommaList(null));
        assertEquals(List.of(), HttpTokens.splitCommaList("  "));
        assertTrue(HttpTokens.containsToken("keep-alive, UPGRADE", "upgrade"));
        assertTrue(HttpTokens.containsToken("websocket", "WebSocket"));
        assertFalse(HttpTokens.containsToken("keep-alive, upgraded", "upgrade"));
        assertFalse(HttpTokens.containsToken(null, "upgrade"));
        assertTrue(HttpTokens.containsToken("8, 13", "13"));
    }
}
