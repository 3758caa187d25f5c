package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.transport.InMemoryTransport;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a session tells about itself. */
@Timeout(20)
class SessionPropertiesTest {

    @Test
    void exposesTheHandshakeResultAndLimits() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        EndpointConfig config = Harness.config(List.of(), List.of());
        config.getUserProperties().put("fromConfig", "yes");
        Principal alice = () -> "alice";
        Extension ext = new Extension() {
            @Override
            public String getName() {
                return "permessage-deflate";
            }

            @Override
            public List<Parameter> getParameters() {
                return List.of();
            }
        };
        Set<Session> registry = new java.util.concurrent.CopyOnWriteArraySet<>();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig c) {
            }
        };
        WsSession s = new WsSession(SessionConfig.builder().role(Role.SERVER).transport(pair.server())
                .endpoint(endpoint).endpointConfig(config)
                .requestUri(URI.create("ws://h/chat/room1?a=1&a=2")).queryString("a=1&a=2")
                .parameterMap(Map.of("a", List.of("1", "2"))).pathParameters(Map.of("room", "room1"))
                .userPrincipal(alice).subprotocol("chat").extensions(List.of(ext))
                .openSessions(() -> registry).closeListener(registry::remove)
                .settings(SessionSettings.defaults().withMaxTextMessageBufferSize(1234))
                .build());
        registry.add(s);
        RawPeer peer = new RawPeer(pair.client(), Role.CLIENT);
        s.start();
        assertTrue(s.isOpen());
        assertEquals("13", s.getProtocolVersion());
        assertEquals(URI.create("ws://h/chat/room1?a=1&a=2"), s.getRequestURI());
        assertEquals("a=1&a=2", s.getQueryString());
        assertEquals(List.of("1", "2"), s.getRequestParameterMap().get("a"));
        assertEquals("room1", s.getPathParameters().get("room"));
        assertSame(alice, s.getUserPrincipal());
        assertEquals("chat", s.getNegotiatedSubprotocol());
        assertEquals("permessage-deflate", s.getNegotiatedExtensions().get(0).getName());
        assertEquals("yes", s.getUserProperties().get("fromConfig"));
        s.getUserProperties().put("mine", 1);
        assertFalse(config.getUserProperties().containsKey("mine"), "a per-session copy");
        assertEquals(1234, s.getMaxTextMessageBufferSize());
        assertEquals(SessionSettings.DEFAULT_MESSAGE_BUFFER_SIZE, s.getMaxBinaryMessageBufferSize());
        assertEquals(Set.of(s), s.getOpenSessions());
        assertThrows(UnsupportedOperationException.class, () -> s.getPathParameters().put("x", "y"));
        assertFalse(s.isSecure());
        assertSame(endpoint, s.getEndpoint());
        peer.sendClose(1000, "");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!registry.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(registry.isEmpty(), "the close listener removed the session");
        assertFalse(s.isOpen());
        pair.client().abort();
    }

    @Test
    void idsAreUnique() {
        Harness a = Harness.server(s -> { });
        Harness b = Harness.server(s -> { });
        assertNotEquals(a.session.getId(), b.session.getId());
        assertEquals(Set.of(a.session), a.session.getOpenSessions(), "default: just this session");
        a.shutdown();
        b.shutdown();
    }

    @Test
    void settingsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> SessionSettings.defaults().withMaxIdleTimeoutMs(-1));
        assertThrows(IllegalArgumentException.class, () -> SessionSettings.defaults().withOutboundQueueBytes(0));
        assertEquals(0, SessionSettings.defaults().maxIdleTimeoutMs());
    }
}
