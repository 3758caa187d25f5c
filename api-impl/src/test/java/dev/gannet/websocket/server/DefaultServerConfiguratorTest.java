package dev.gannet.websocket.server;

import dev.gannet.websocket.session.WebSocketExtension;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultServerConfiguratorTest {

    public static final class Plain extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public static final class NoDefaultConstructor extends Endpoint {
        public NoDefaultConstructor(String x) {
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public static final class Throwing extends Endpoint {
        public Throwing() {
            throw new IllegalStateException("boom");
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    private final DefaultServerConfigurator c = new DefaultServerConfigurator();

    @Test
    void isThePlatformDefaultThroughServiceLoader() {
        ServerEndpointConfig sec = ServerEndpointConfig.Builder.create(Plain.class, "/p").build();
        assertInstanceOf(DefaultServerConfigurator.class, sec.getConfigurator());
        // A user configurator that overrides nothing delegates to ours.
        ServerEndpointConfig.Configurator user = new ServerEndpointConfig.Configurator();
        assertInstanceOf(DefaultServerConfigurator.class, user.getContainerDefaultConfigurator());
        assertEquals("b", user.getNegotiatedSubprotocol(List.of("a", "b"), List.of("b", "a")));
    }

    @Test
    void subprotocolIsTheFirstOfTheClientsListThatTheServerSupports() {
        assertEquals("b", c.getNegotiatedSubprotocol(List.of("a", "b", "c"), List.of("x", "b", "a")));
        assertEquals("c", c.getNegotiatedSubprotocol(List.of("a", "b", "c"), List.of("c", "a")));
        assertEquals("", c.getNegotiatedSubprotocol(List.of("a"), List.of("x", "y")));
        assertEquals("", c.getNegotiatedSubprotocol(List.of(), List.of("a")));
        assertEquals("", c.getNegotiatedSubprotocol(List.of("a"), List.of()));
    }

    @Test
    void extensionsAreTheRequestedOnesThatAreInstalledInTheClientsOrder() {
        Extension deflate = new WebSocketExtension("permessage-deflate", List.of());
        Extension foo = new WebSocketExtension("foo", List.of());
        Extension barWithParam = new WebSocketExtension("bar",
                List.of(new WebSocketExtension.Param("x", "1")));
        List<Extension> result = c.getNegotiatedExtensions(List.of(deflate, foo, new WebSocketExtension("bar", List.of())),
                List.of(barWithParam, new WebSocketExtension("unknown", List.of()), deflate));
        assertEquals(2, result.size());
        assertSame(barWithParam, result.get(0), "the client's offer, with its parameters");
        assertSame(deflate, result.get(1));
        assertTrue(c.getNegotiatedExtensions(List.of(), List.of(foo)).isEmpty());
    }

    @Test
    void originIsAcceptedAndHandshakeUntouched() {
        assertTrue(c.checkOrigin("http://evil.example"));
        assertTrue(c.checkOrigin(null));
    }

    @Test
    void endpointInstancesAreNewEachTime() throws InstantiationException {
        Plain a = c.getEndpointInstance(Plain.class);
        Plain b = c.getEndpointInstance(Plain.class);
        assertNotSame(a, b);
    }

    @Test
    void instantiationFailuresNameTheClass() {
        InstantiationException e = assertThrows(InstantiationException.class,
                () -> c.getEndpointInstance(NoDefaultConstructor.class));
        assertTrue(e.getMessage().contains(NoDefaultConstructor.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("no public no-argument constructor"), e.getMessage());
        e = assertThrows(InstantiationException.class, () -> c.getEndpointInstance(Throwing.class));
        assertTrue(e.getMessage().contains(Throwing.class.getName()), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }
}
