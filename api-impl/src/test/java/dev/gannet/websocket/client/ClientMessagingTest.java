package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Client-side messaging against node's ws: blocking sends in callbacks, concurrency, fragments, pings. */
@Timeout(60)
class ClientMessagingTest {

    private static NodeWsServer echo;

    @BeforeAll
    static void start() throws Exception {
        if (!NodeWsServer.nodeAvailable()) {
            return; // every test is then skipped by assumeNode()
        }
        echo = NodeWsServer.start("{}");
    }

    @BeforeEach
    void needsNode() {
        NodeWsServer.assumeNode();
    }

    @AfterAll
    static void stop() throws Exception {
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    void blockingSendsInsideOnMessageDoNotDeadlock() throws Exception {
        int rounds = 200;
        CompletableFuture<Integer> finished = new CompletableFuture<>();
        Endpoint pingPong = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                AtomicInteger n = new AtomicInteger();
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> {
                    int i = n.incrementAndGet();
                    if (i == rounds) {
                        finished.complete(i);
                        return;
                    }
                    try {
                        // a blocking send of 100 KB from the delivery thread
                        session.getBasicRemote().sendText("x".repeat(100_000) + i);
                    } catch (Exception e) {
                        finished.completeExceptionally(e);
                    }
                });
            }
        };
        Session s = new GannetClientContainer().connectToServer(pingPong,
                ClientEndpointConfig.Builder.create().build(), echo.uri("/"));
        s.setMaxTextMessageBufferSize(200_000);
        s.getBasicRemote().sendText("start");
        assertEquals(rounds, finished.get(40, TimeUnit.SECONDS));
        s.close();
    }

    @Test
    void concurrentSendersAreAllDelivered() throws Exception {
        Recorder r = new Recorder();
        Session s = new GannetClientContainer().connectToServer(r, ClientEndpointConfig.Builder.create().build(),
                echo.uri("/"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Set<String> expected = new HashSet<>();
            Future<?>[] fs = new Future<?>[6];
            for (int t = 0; t < 6; t++) {
                int thread = t;
                for (int i = 0; i < 50; i++) {
                    expected.add(thread + ":" + i);
                }
                fs[t] = pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        if (i % 2 == 0) {
                            s.getBasicRemote().sendText(thread + ":" + i);
                        } else {
                            s.getAsyncRemote().sendText(thread + ":" + i);
                        }
                    }
                    return null;
                });
            }
            for (Future<?> f : fs) {
                f.get(30, TimeUnit.SECONDS);
            }
            Set<Object> got = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                got.add(r.next());
            }
            assertEquals(expected, got);
        } finally {
            pool.shutdownNow();
        }
        s.close();
    }

    @Test
    void fragmentsStreamsAndPings() throws Exception {
        CompletableFuture<ByteBuffer> pong = new CompletableFuture<>();
        Recorder r = new Recorder() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                super.onOpen(session, config);
                session.addMessageHandler(PongMessage.class,
                        (MessageHandler.Whole<PongMessage>) p -> pong.complete(p.getApplicationData()));
            }
        };
        Session s = new GannetClientContainer().connectToServer(r, ClientEndpointConfig.Builder.create().build(),
                echo.uri("/"));
        s.getBasicRemote().sendText("ab", false);
        s.getBasicRemote().sendText("cd", true);
        assertEquals("abcd", r.next());
        try (var w = s.getBasicRemote().getSendWriter()) {
            w.write("written ");
            w.write("by a Writer");
        }
        assertEquals("written by a Writer", r.next());
        try (var out = s.getBasicRemote().getSendStream()) {
            out.write("bytes".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(ByteBuffer.wrap("bytes".getBytes(StandardCharsets.US_ASCII)), r.next());
        s.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {7, 8, 9}));
        assertEquals(ByteBuffer.wrap(new byte[] {7, 8, 9}), pong.get(20, TimeUnit.SECONDS));
        s.close();
        assertEquals(1000, r.awaitClose().getCloseCode().getCode());
    }

    public static final class NoDefaultConstructor extends Endpoint {
        public NoDefaultConstructor(String unused) {
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    @Test
    void invalidEndpointsAreDeploymentErrors() {
        GannetClientContainer c = new GannetClientContainer();
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> c.connectToServer(new Object(), echo.uri("/")));
        assertTrue(e.getMessage().contains("ClientEndpoint"), e.getMessage());
        e = assertThrows(DeploymentException.class, () -> c.connectToServer(NoDefaultConstructor.class,
                ClientEndpointConfig.Builder.create().build(), echo.uri("/")));
        assertTrue(e.getMessage().contains(NoDefaultConstructor.class.getName()), e.getMessage());
    }
}
