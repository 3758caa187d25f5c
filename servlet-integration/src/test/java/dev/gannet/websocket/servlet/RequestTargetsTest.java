package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestTargetsTest {

    private static final String WS = "ws://h:1";

    @Test
    void encodesEveryCharacterUriRejects() {
        assertEquals(WS + "/a%20b%7C%7B%7D%5E%60%22%3C%3E%5C?%20%7C",
                RequestTargets.toUri(WS, "/a b|{}^`\"<>\\", " |").toString());
    }

    @Test
    void keepsEscapesAndLegalCharacters() {
        String path = "/p;x=1/%2F/a-b_c.d!~*'()@:&=+$,";
        assertEquals(WS + path + "?a=%41&b=/?:", RequestTargets.toUri(WS, path, "a=%41&b=/?:").toString());
        assertEquals(WS + "/", RequestTargets.toUri(WS, "/", null).toString());
    }

    @Test
    void encodesNonAsciiAsUtf8Octets() {
        assertEquals(WS + "/%C3%A9?w=%E2%82%AC%F0%9F%98%80", RequestTargets.toUri(WS, "/é", "w=€😀").toString());
    }

    @Test
    void aMalformedEscapeNamesTheRawTarget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestTargets.toUri(WS, "/a|b", "q=%zz"));
        assertTrue(e.getMessage().contains("\"/a|b?q=%zz\""), e.getMessage());
    }
}
