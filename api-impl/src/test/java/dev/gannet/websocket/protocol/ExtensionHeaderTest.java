package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The Sec-WebSocket-Extensions grammar of RFC 6455 §9.1. */
class ExtensionHeaderTest {

    private static ExtensionParameter p(String name, String value) {
        return new ExtensionParameter(name, value);
    }

    @Test
    void parsesOffersWithParameters() {
        List<ExtensionOffer> offers = ExtensionHeader.parse(
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10 , "
                        + "permessage-deflate;client_no_context_takeover,x-foo ; a = \"b\" ;c=\"\\d\"");
        assertEquals(List.of(
                new ExtensionOffer("permessage-deflate", List.of(p("client_max_window_bits", null),
                        p("server_max_window_bits", "10"))),
                new ExtensionOffer("permessage-deflate", List.of(p("client_no_context_takeover", null))),
                new ExtensionOffer("x-foo", List.of(p("a", "b"), p("c", "d")))), offers);
    }

    @Test
    void emptyAndBlank() {
        assertEquals(List.of(), ExtensionHeader.parse(null));
        assertEquals(List.of(), ExtensionHeader.parse(""));
        assertEquals(List.of(), ExtensionHeader.parse(" , ,"));
        assertEquals(List.of(new ExtensionOffer("a", List.of()), new ExtensionOffer("b", List.of())),
                ExtensionHeader.parseAll(List.of("a", " b ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate;", "permessage-deflate; =1", "permessage-deflate; a=", "a b", "a; b c",
        "a; b=\"unterminated", "a; b=\"not a token\"", "a; b=\"\"", "\"quoted\"", "a; b=c=d", "a;b=(x)", "a,;b"
    })
    void rejectsBadSyntax(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExtensionHeader.parse(value));
        assertTrue(e.getMessage().contains("Sec-WebSocket-Extensions"), e.getMessage());
    }

    @Test
    void formatsAndRoundTrips() {
        List<ExtensionOffer> offers = List.of(
                new ExtensionOffer("permessage-deflate", List.of(p("server_no_context_takeover", null),
                        p("server_max_window_bits", "12"))),
                new ExtensionOffer("x-y", List.of()));
        String header = ExtensionHeader.format(offers);
        assertEquals("permessage-deflate; server_no_context_takeover; server_max_window_bits=12, x-y", header);
        assertEquals(offers, ExtensionHeader.parse(header));
        assertThrows(IllegalArgumentException.class, () -> new ExtensionParameter("a b", null));
        assertThrows(IllegalArgumentException.class, () -> new ExtensionParameter("a", "b c"));
        assertThrows(IllegalArgumentException.class, () -> new ExtensionOffer("", List.of()));
    }
}
