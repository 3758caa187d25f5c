package dev.gannet.websocket.server;

import dev.gannet.websocket.protocol.ClosePayload;
import dev.gannet.websocket.protocol.MessageDeflater;
import dev.gannet.websocket.protocol.MessageInflater;
import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.session.RawPeer;
import dev.gannet.websocket.transport.InMemoryTransport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole server container over the session engine: a raw client performs the handshake
 * through {@link GannetServerContainer#handshake}, then speaks frames over an in-memory transport.
 */
class ServerContainerSessionTest {

    private static final long WAIT = 5_000;

    @ServerEndpoint("/rooms/{room}")
    public static class Room {
        @OnMessage
        public String echo(@PathParam("room") String room, String message) {
            return room + ":" + message;
        }
    }

    /** Records what a programmatic endpoint saw, for the test thread. */
    public static final class Recorder extends Endpoint {
        static final BlockingQueue<Object> EVENTS = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            EVENTS.add(session);
            EVENTS.add("open-sessions " + session.getOpenSessions().size());
            session.addMessageHandler(String.class, text -> {
                try {
                    session.getBasicRemote().sendText(text.toUpperCase());
                } catch (IOException e) {
                    EVENTS.add(e);
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            EVENTS.add(closeReason);
        }
    }

    private final GannetServerContainer container = new GannetServerContainer(new ServerSettings().closeTimeout(300));

    @AfterEach
    void stop() {
        container.shutdown();
        Recorder.EVENTS.clear();
    }

    private RawPeer connect(String path, SimpleUpgradeRequest request) {
        HandshakeOutcome o = container.handshake(path, request);
        assertTrue(o.isAccepted(), o.toString());
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        RawPeer client = new RawPeer(pair.client(), Role.CLIENT);
        Session s = o.openSession(pair.server());
        assertNotNull(s);
        assertThrows(IllegalStateException.class, () -> o.openSession(pair.server()), "only once");
        return client;
    }

    private ServerEndpointConfig deployRecorder(String path) throws DeploymentException {
        ServerEndpointConfig sec = ServerEndpointConfig.Builder.create(Recorder.class, path)
                .subprotocols(List.of("chat"))
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public void modifyHandshake(ServerEndpointConfig c, HandshakeRequest req, HandshakeResponse resp) {
                        c.getUserProperties().put("agent", req.getHeaders().get("user-agent").get(0));
                    }
                }).build();
        container.addEndpoint(sec);
        return sec;
    }

    @Test
    void annotatedEndpointEchoesWithItsPathParameter() throws Exception {
        container.addEndpoint(Room.class);
        RawPeer client = connect("/rooms/blue", ServerHandshakeTest.upgrade("ws://h/rooms/blue"));
        client.sendText("hi");
        RawPeer.Frame f = client.next(WAIT);
        assertEquals(OpCode.TEXT, f.opcode());
        assertEquals("blue:hi", f.text());
        client.sendClose(1000, "bye");
        assertEquals(1000, client.next(WAIT).close().code());
    }

    @Test
    void sessionCarriesTheHandshakeAndLeavesTheRegistryWhenClosed() throws Exception {
        ServerEndpointConfig sec = deployRecorder("/rec/{id}");
        Principal bob = () -> "bob";
        SimpleUpgradeRequest request = ServerHandshakeTest.upgrade("ws://h/rec/9?x=1")
                .header("User-Agent", "raw-test").header("Sec-WebSocket-Protocol", "chat").user(bob, Set.of());
        RawPeer client = connect("/rec/9", request);
        Session s = (Session) Recorder.EVENTS.poll(WAIT, TimeUnit.MILLISECONDS);
        assertNotNull(s);
        assertEquals("open-sessions 1", Recorder.EVENTS.poll(WAIT, TimeUnit.MILLISECONDS));
        assertEquals(URI.create("ws://h/rec/9?x=1"), s.getRequestURI());
        assertEquals("x=1", s.getQueryString());
        // The request parameters: the path's, then the query's (as HandshakeRequest.getParameterMap).
        assertEquals(Map.of("id", List.of("9"), "x", List.of("1")), s.getRequestParameterMap());
        assertEquals(Map.of("id", "9"), s.getPathParameters());
        assertEquals("chat", s.getNegotiatedSubprotocol());
        assertSame(bob, s.getUserPrincipal());
        assertSame(container, s.getContainer());
        assertEquals("raw-test", s.getUserProperties().get("agent"), "modifyHandshake's copy seeds the session");
        assertFalse(sec.getUserProperties().containsKey("agent"));
        assertEquals(1, container.openSessions(sec).size());

        client.sendText("abc");
        assertEquals("ABC", client.next(WAIT).text());

        client.sendClose(1000, "done");
        assertEquals(1000, client.next(WAIT).close().code());
        CloseReason reason = (CloseReason) Recorder.EVENTS.poll(WAIT, TimeUnit.MILLISECONDS);
        assertEquals(1000, reason.getCloseCode().getCode());
        awaitCount(0);
        assertTrue(container.openSessions(sec).isEmpty());
    }

    @Test
    void openSessionsAreCountedPerEndpoint() throws Exception {
        ServerEndpointConfig a = deployRecorder("/a");
        deployRecorder("/b");
        connect("/a", ServerHandshakeTest.upgrade("ws://h/a").header("User-Agent", "1"));
        connect("/a", ServerHandshakeTest.upgrade("ws://h/a").header("User-Agent", "2"));
        RawPeer other = connect("/b", ServerHandshakeTest.upgrade("ws://h/b").header("User-Agent", "3"));
        awaitCount(3);
        assertEquals(2, container.openSessions(a).size());
        Session first = container.openSessions(a).iterator().next();
        assertEquals(2, first.getOpenSessions().size());
        other.sendClose(1001, "");
        awaitCount(2);
    }

    @Test
    void shutdownClosesEverySessionWith1001() throws Exception {
        container.addEndpoint(Room.class);
        deployRecorder("/rec");
        RawPeer room = connect("/rooms/red", ServerHandshakeTest.upgrade("ws://h/rooms/red"));
        RawPeer rec = connect("/rec", ServerHandshakeTest.upgrade("ws://h/rec").header("User-Agent", "x"));
        assertNotNull(Recorder.EVENTS.poll(WAIT, TimeUnit.MILLISECONDS));
        awaitCount(2);

        Thread stopper = new Thread(container::shutdown);
        stopper.start();
        for (RawPeer peer : List.of(room, rec)) {
            ClosePayload close = peer.next(WAIT).close();
            assertEquals(1001, close.code());
            peer.sendClose(1001, "");
        }
        stopper.join(WAIT);
        assertFalse(stopper.isAlive(), "shutdown returns once the sessions are closed");
        assertEquals(0, container.openSessionCount());
        assertTrue(Recorder.EVENTS.stream().anyMatch(e -> e instanceof CloseReason r
                && r.getCloseCode().getCode() == 1006), "a local close reports 1006 to onClose");
        assertEquals(503, container.handshake("/rec", ServerHandshakeTest.upgrade("ws://h/rec")).status());
        assertTrue(room.awaitEof(WAIT));
    }

    @Test
    void concurrentHandshakesAndShutdownLeaveNoSessionBehind() throws Exception {
        container.addEndpoint(Room.class);
        int n = 16;
        List<RawPeer> peers = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String room = "r" + i;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    HandshakeOutcome o = container.handshake("/rooms/" + room,
                            ServerHandshakeTest.upgrade("ws://h/rooms/" + room));
                    if (!o.isAccepted()) {
                        return; // refused after shutdown: fine
                    }
                    InMemoryTransport.Pair pair = InMemoryTransport.pair();
                    peers.add(new RawPeer(pair.client(), Role.CLIENT));
                    o.openSession(pair.server());
                } catch (IllegalStateException lateOpen) {
                    // shut down between handshake and openSession: the transport was closed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        Thread.sleep(5);
        container.shutdown();
        for (Thread t : threads) {
            t.join(WAIT);
        }
        awaitCount(0);
        for (RawPeer p : peers) {
            assertTrue(p.awaitEof(WAIT), "every opened connection ends");
        }
    }

    @Test
    void permessageDeflateParametersReachTheSession() throws Exception {
        container.addEndpoint(Room.class);
        SimpleUpgradeRequest request = ServerHandshakeTest.upgrade("ws://h/rooms/z")
                .header("Sec-WebSocket-Extensions", "permessage-deflate; client_no_context_takeover");
        HandshakeOutcome o = container.handshake("/rooms/z", request);
        assertEquals("permessage-deflate; client_no_context_takeover",
                o.headers().get("Sec-WebSocket-Extensions").get(0));
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        RawPeer client = new RawPeer(pair.client(), Role.CLIENT);
        Session s = o.openSession(pair.server());
        assertEquals("permessage-deflate", s.getNegotiatedExtensions().get(0).getName());

        byte[] compressed;
        try (MessageDeflater deflater = new MessageDeflater(true)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            deflater.deflate(ByteBuffer.wrap("squeeze me".getBytes(StandardCharsets.UTF_8)), true,
                    chunk -> { byte[] b = new byte[chunk.remaining()]; chunk.get(b); out.writeBytes(b); });
            compressed = out.toByteArray();
        }
        client.sendFrame(OpCode.TEXT, true, 0b100, compressed);
        RawPeer.Frame reply = client.next(WAIT);
        assertTrue(reply.rsv1(), "the server compresses its reply");
        try (MessageInflater inflater = new MessageInflater(false, 0)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            inflater.inflate(ByteBuffer.wrap(reply.payload()), true,
                    chunk -> { byte[] b = new byte[chunk.remaining()]; chunk.get(b); out.writeBytes(b); });
            assertEquals("z:squeeze me", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void idleTimeoutFromUserPropertiesReachesTheSession() throws Exception {
        ServerEndpointConfig sec = deployRecorder("/idle");
        sec.getUserProperties().put(ConfigKeys.IDLE_TIMEOUT, 200L);
        RawPeer client = connect("/idle", ServerHandshakeTest.upgrade("ws://h/idle").header("User-Agent", "i"));
        Session s = (Session) Recorder.EVENTS.poll(WAIT, TimeUnit.MILLISECONDS);
        assertEquals(200L, s.getMaxIdleTimeout());
        assertEquals(1001, client.next(WAIT).close().code(), "closed for idleness");
    }

    @Test
    void openSessionAfterShutdownClosesTheTransport() throws Exception {
        container.addEndpoint(Room.class);
        HandshakeOutcome o = container.handshake("/rooms/late", ServerHandshakeTest.upgrade("ws://h/rooms/late"));
        container.shutdown();
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        RawPeer client = new RawPeer(pair.client(), Role.CLIENT);
        assertThrows(IllegalStateException.class, () -> o.openSession(pair.server()));
        assertTrue(client.awaitEof(WAIT));
    }

    private void awaitCount(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT;
        while (container.openSessionCount() != n && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(n, container.openSessionCount());
    }
}
