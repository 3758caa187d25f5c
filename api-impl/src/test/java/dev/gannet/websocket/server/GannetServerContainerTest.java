package dev.gannet.websocket.server;

import dev.gannet.websocket.endpoint.AnnotatedEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GannetServerContainerTest {

    @ServerEndpoint("/rooms/{room}")
    public static class Room {
        @OnMessage
        public String echo(@PathParam("room") String room, String message) {
            return room + ":" + message;
        }
    }

    @ServerEndpoint("/rooms/{other}")
    public static class ClashingRoom {
        @OnMessage
        public void on(String message) {
        }
    }

    @ServerEndpoint("no-slash")
    public static class BadPath {
        @OnMessage
        public void on(String message) {
        }
    }

    public static class NotAnEndpoint {
    }

    /** Hands out one shared instance and stamps the response. */
    public static class SingletonConfigurator extends ServerEndpointConfig.Configurator {
        static final Shared INSTANCE = new Shared();

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(INSTANCE);
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, jakarta.websocket.server.HandshakeRequest request,
                                    jakarta.websocket.HandshakeResponse response) {
            response.getHeaders().put("X-Configured-By", List.of("annotation"));
        }
    }

    @ServerEndpoint(value = "/shared", configurator = SingletonConfigurator.class, subprotocols = {"v1", "v2"})
    public static class Shared {
        @OnMessage
        public void on(String message) {
        }
    }

    public static final class Programmatic extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    private final GannetServerContainer container = new GannetServerContainer();

    @AfterEach
    void stop() {
        container.shutdown();
    }

    @Test
    void deploysAnnotatedEndpointsAndWrapsEachInstance() throws DeploymentException {
        container.addEndpoint(Room.class);
        EndpointMatch m = container.match("/rooms/blue").orElseThrow();
        assertEquals("/rooms/{room}", m.path());
        assertEquals(Map.of("room", "blue"), m.pathParameters());
        assertSame(Room.class, m.config().getEndpointClass());
        HandshakeOutcome o = container.handshake(m, ServerHandshakeTest.upgrade("ws://h/rooms/blue"));
        assertTrue(o.isAccepted(), o.toString());
        AnnotatedEndpoint adapter = assertInstanceOf(AnnotatedEndpoint.class, o.prepared().endpoint());
        assertInstanceOf(Room.class, adapter.instance());
    }

    @Test
    void annotatedConfiguratorsAndSubprotocolsApply() throws DeploymentException {
        container.addEndpoint(Shared.class);
        for (int i = 0; i < 2; i++) {
            HandshakeOutcome o = container.handshake("/shared", ServerHandshakeTest.upgrade("ws://h/shared")
                    .header("Sec-WebSocket-Protocol", "v2, v1"));
            assertEquals(List.of("annotation"), o.headers().get("x-configured-by"));
            assertEquals("v2", o.subprotocol());
            AnnotatedEndpoint adapter = assertInstanceOf(AnnotatedEndpoint.class, o.prepared().endpoint());
            assertSame(SingletonConfigurator.INSTANCE, adapter.instance());
        }
    }

    @Test
    void theSameAnnotatedClassTwiceIsDeployedOnce() throws DeploymentException {
        container.addEndpoint(Room.class);
        container.addEndpoint(Room.class);
        assertEquals(List.of("/rooms/{room}"), container.endpointPaths());
    }

    @Test
    void equivalentPathsOfDifferentClassesAreRejected() throws DeploymentException {
        container.addEndpoint(Room.class);
        DeploymentException e = assertThrows(DeploymentException.class, () -> container.addEndpoint(ClashingRoom.class));
        assertTrue(e.getMessage().contains(ClashingRoom.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(Room.class.getName()), e.getMessage());
        e = assertThrows(DeploymentException.class, () -> container.addEndpoint(
                ServerEndpointConfig.Builder.create(Programmatic.class, "/rooms/{x}").build()));
        assertTrue(e.getMessage().contains("equivalent"), e.getMessage());
    }

    @Test
    void invalidEndpointsAreDeploymentErrors() {
        assertThrows(DeploymentException.class, () -> container.addEndpoint(BadPath.class));
        assertThrows(DeploymentException.class, () -> container.addEndpoint(NotAnEndpoint.class));
        assertThrows(DeploymentException.class, () -> container.addEndpoint((Class<?>) null));
        assertThrows(DeploymentException.class, () -> container.addEndpoint((ServerEndpointConfig) null));
        DeploymentException e = assertThrows(DeploymentException.class, () -> container.addEndpoint(
                ServerEndpointConfig.Builder.create(Programmatic.class, "/a/{x}/{x}").build()));
        assertTrue(e.getMessage().contains("/a/{x}/{x}"), e.getMessage());
        ServerEndpointConfig badProperty = ServerEndpointConfig.Builder.create(Programmatic.class, "/p").build();
        badProperty.getUserProperties().put(ConfigKeys.IDLE_TIMEOUT, "soon");
        e = assertThrows(DeploymentException.class, () -> container.addEndpoint(badProperty));
        assertTrue(e.getMessage().contains(ConfigKeys.IDLE_TIMEOUT), e.getMessage());
        assertTrue(container.endpointPaths().isEmpty());
    }

    @Test
    void aDeploymentErrorWhileTheApplicationDeploysTakesEveryEndpointOutOfService() throws DeploymentException {
        // Spec 5.2.1 (WSC-5.2.1-3): even when the application (say, a listener) swallows the exception.
        container.deploymentStarted();
        container.addEndpoint(Room.class);
        assertTrue(container.match("/rooms/a").isPresent());
        assertThrows(DeploymentException.class, () -> container.addEndpoint(BadPath.class));
        assertTrue(container.match("/rooms/a").isEmpty(), "the valid endpoint is out of service");
        assertTrue(container.endpointPaths().isEmpty());
        assertThrows(IllegalStateException.class, () -> container.addEndpoint(
                ServerEndpointConfig.Builder.create(Programmatic.class, "/later").build()));
    }

    @Test
    void aDeploymentErrorAfterTheDeploymentPhaseOnlyReachesTheCaller() throws DeploymentException {
        container.deploymentStarted();
        container.addEndpoint(Room.class);
        container.deploymentComplete();
        assertThrows(DeploymentException.class, () -> container.addEndpoint(BadPath.class));
        assertTrue(container.match("/rooms/a").isPresent());
        container.addEndpoint(ServerEndpointConfig.Builder.create(Programmatic.class, "/later").build());
        assertTrue(container.match("/later").isPresent());
    }

    public abstract static class AbstractEndpoint extends Endpoint {
    }

    public static final class NeedsArgument extends Endpoint {
        public NeedsArgument(String x) {
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    @Test
    void programmaticEndpointsTheDefaultConfiguratorCannotCreateAreRejectedAtDeployment() throws DeploymentException {
        DeploymentException e = assertThrows(DeploymentException.class, () -> container.addEndpoint(
                ServerEndpointConfig.Builder.create(AbstractEndpoint.class, "/abstract").build()));
        assertTrue(e.getMessage().contains("it is abstract"), e.getMessage());
        e = assertThrows(DeploymentException.class, () -> container.addEndpoint(
                ServerEndpointConfig.Builder.create(NeedsArgument.class, "/arg").build()));
        assertTrue(e.getMessage().contains("no public no-argument constructor"), e.getMessage());
        // A configurator that makes its own instances may deploy such a class.
        container.addEndpoint(ServerEndpointConfig.Builder.create(NeedsArgument.class, "/arg")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return (T) new NeedsArgument("made here");
                    }
                }).build());
        HandshakeOutcome o = container.handshake("/arg", ServerHandshakeTest.upgrade("ws://h/arg"));
        assertInstanceOf(NeedsArgument.class, o.prepared().endpoint());
    }

    @Test
    void programmaticConfigsMayPlaceAnnotatedClasses() throws DeploymentException {
        container.addEndpoint(ServerEndpointConfig.Builder.create(Room.class, "/elsewhere/{room}").build());
        HandshakeOutcome o = container.handshake("/elsewhere/x", ServerHandshakeTest.upgrade("ws://h/elsewhere/x"));
        assertInstanceOf(AnnotatedEndpoint.class, o.prepared().endpoint());
    }

    @Test
    void endpointsMayBeAddedAfterDeploymentButNotAfterShutdown() throws DeploymentException {
        container.addEndpoint(Room.class);
        container.deploymentComplete();
        assertTrue(container.isDeploymentComplete());
        // WebSocket 2.1 lifted the deployment-phase restriction (spec §6.4).
        container.addEndpoint(ServerEndpointConfig.Builder.create(Programmatic.class, "/late").build());
        assertTrue(container.match("/late").isPresent());
        container.shutdown();
        assertTrue(container.isShutdown());
        assertThrows(IllegalStateException.class, () -> container.addEndpoint(Room.class));
        assertTrue(container.endpointPaths().isEmpty());
    }

    @Test
    void aFailedDeploymentRemovesEveryEndpointAndRefusesMore() throws DeploymentException {
        container.addEndpoint(Room.class);
        DeploymentException cause = assertThrows(DeploymentException.class, () -> container.addEndpoint(BadPath.class));
        container.deploymentFailed(cause);
        assertTrue(container.match("/rooms/x").isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> container.addEndpoint(ServerEndpointConfig.Builder.create(Programmatic.class, "/p").build()));
        assertSame(cause, e.getCause());
    }

    @Test
    void upgradeRequestsAreRecognised() {
        assertTrue(ServerHandshakeTest.upgrade("ws://h/x").isWebSocketUpgrade());
        assertFalse(new SimpleUpgradeRequest("GET", URI.create("http://h/x")).isWebSocketUpgrade());
        assertFalse(new SimpleUpgradeRequest("GET", URI.create("http://h/x")).header("Upgrade", "h2c")
                .isWebSocketUpgrade());
    }

    @Test
    void defaultsAreReadAndWrittenThroughTheSettings() {
        ServerSettings settings = new ServerSettings();
        GannetServerContainer c = new GannetServerContainer(settings);
        try {
            assertEquals(0L, c.getDefaultMaxSessionIdleTimeout());
            assertEquals(65536, c.getDefaultMaxTextMessageBufferSize());
            assertEquals(65536, c.getDefaultMaxBinaryMessageBufferSize());
            assertEquals(60_000L, c.getDefaultAsyncSendTimeout());
            assertEquals(List.of("permessage-deflate"),
                    c.getInstalledExtensions().stream().map(x -> x.getName()).toList());
            c.setDefaultMaxSessionIdleTimeout(1234);
            c.setDefaultMaxTextMessageBufferSize(100);
            c.setDefaultMaxBinaryMessageBufferSize(200);
            c.setAsyncSendTimeout(5);
            assertEquals(1234, settings.idleTimeout());
            assertEquals(100, c.getDefaultMaxTextMessageBufferSize());
            assertEquals(200, c.getDefaultMaxBinaryMessageBufferSize());
            assertEquals(5, c.getDefaultAsyncSendTimeout());
            assertSame(settings, c.settings());
        } finally {
            c.shutdown();
        }
    }

    @Test
    void upgradeHttpToWebSocketNeedsTheServletHook() throws Exception {
        ServerEndpointConfig sec = ServerEndpointConfig.Builder.create(Programmatic.class, "/u").build();
        assertThrows(UnsupportedOperationException.class,
                () -> container.upgradeHttpToWebSocket(new Object(), new Object(), sec, Map.of()));
        AtomicReference<Object[]> seen = new AtomicReference<>();
        container.setUpgradeHook((req, resp, config, params) -> seen.set(new Object[]{req, resp, config, params}));
        Object req = new Object();
        container.upgradeHttpToWebSocket(req, null, sec, null);
        assertSame(req, seen.get()[0]);
        assertSame(sec, seen.get()[2]);
        assertEquals(Map.of(), seen.get()[3]);
    }

    @Test
    void handshakeForAnUndeployedConfigUsesTheGivenPathParameters() throws DeploymentException {
        ServerEndpointConfig sec = ServerEndpointConfig.Builder.create(Programmatic.class, "/x/{id}").build();
        HandshakeOutcome o = container.handshake(sec, Map.of("id", "7"), ServerHandshakeTest.upgrade("ws://h/x/7"));
        assertTrue(o.isAccepted());
        assertEquals(Map.of("id", "7"), o.prepared().pathParameters());
        assertFalse(container.match("/x/7").isPresent(), "it is not deployed");
        assertThrows(DeploymentException.class, () -> container.handshake(
                ServerEndpointConfig.Builder.create(NotAnEndpoint.class, "/y").build(), Map.of(),
                ServerHandshakeTest.upgrade("ws://h/y")));
    }

    @Test
    void connectToServerGoesToTheClientDelegate() throws Exception {
        AtomicReference<String> called = new AtomicReference<>();
        WebSocketContainer client = (WebSocketContainer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{WebSocketContainer.class}, (proxy, method, args) -> {
                    called.set(method.getName() + " " + args[args.length - 1]);
                    return null;
                });
        container.setClientContainer(client);
        URI uri = URI.create("ws://peer/x");
        container.connectToServer(new Programmatic(), ClientEndpointConfig.Builder.create().build(), uri);
        assertEquals("connectToServer ws://peer/x", called.get());
    }
}
