package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gannet.websocket.protocol.ExtensionHeader;
import dev.gannet.websocket.protocol.ExtensionOffer;
import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared Extension value: header round trips, value equality, immutability. */
class WebSocketExtensionTest {

    @Test
    void convertsAHeaderElementBothWays() {
        String header = "permessage-deflate; client_max_window_bits; server_max_window_bits=10, x-foo";
        List<ExtensionOffer> offers = ExtensionHeader.parse(header);
        WebSocketExtension deflate = WebSocketExtension.of(offers.get(0));
        assertEquals("permessage-deflate", deflate.getName());
        assertEquals(2, deflate.getParameters().size());
        assertEquals("client_max_window_bits", deflate.getParameters().get(0).getName());
        assertNull(deflate.getParameters().get(0).getValue());
        assertEquals("10", deflate.getParameters().get(1).getValue());
        assertEquals("permessage-deflate; client_max_window_bits; server_max_window_bits=10", deflate.toString());
        assertEquals(offers.get(0), WebSocketExtension.toOffer(deflate));
        assertEquals(header, ExtensionHeader.format(List.of(WebSocketExtension.toOffer(deflate),
                WebSocketExtension.toOffer(WebSocketExtension.of(offers.get(1))))));
    }

    @Test
    void acceptsAUsersOwnExtensionAndComparesByValue() {
        Extension own = new Extension() {
            @Override
            public String getName() {
                return "x-own";
            }

            @Override
            public List<Extension.Parameter> getParameters() {
                return List.of(new WebSocketExtension.Param("a", "1"));
            }
        };
        assertEquals(new WebSocketExtension("x-own", List.of(new WebSocketExtension.Param("a", "1"))),
                WebSocketExtension.of(WebSocketExtension.toOffer(own)));
        assertEquals(WebSocketExtension.named("x"), new WebSocketExtension("x", List.of()));
    }

    @Test
    void isImmutableAndNeedsAName() {
        List<Extension.Parameter> params = new ArrayList<>(List.of(new WebSocketExtension.Param("p", null)));
        WebSocketExtension e = new WebSocketExtension("x", params);
        params.clear();
        assertEquals(1, e.getParameters().size());
        assertThrows(UnsupportedOperationException.class, () -> e.getParameters().clear());
        assertThrows(IllegalArgumentException.class, () -> WebSocketExtension.named(""));
    }
}
