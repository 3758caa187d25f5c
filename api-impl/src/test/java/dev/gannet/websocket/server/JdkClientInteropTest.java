package dev.gannet.websocket.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The server container against an independent client: the JDK's {@code java.net.http}
 * WebSocket, over real TCP through {@link MiniUpgradeServer}.
 */
class JdkClientInteropTest {

    private static final long WAIT = 5;

    @ServerEndpoint(value = "/rooms/{room}", subprotocols = {"chat", "superchat"})
    public static class Room {
        @OnMessage
        public String echo(@PathParam("room") String room, String message) {
            return room + ":" + message;
        }

        @OnMessage
        public ByteBuffer reverse(ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            for (int i = b.length - 1; i >= 0; i--) {
                b[i] = data.get();
            }
            return ByteBuffer.wrap(b);
        }
    }

    /** What the client saw, in order. */
    static final class Recorder implements WebSocket.Listener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            events.add(b);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            events.add("close " + statusCode);
            return null;
        }

        Object next() throws InterruptedException {
            Object o = events.poll(WAIT, TimeUnit.SECONDS);
            if (o == null) {
                throw new AssertionError("nothing from the server within " + WAIT + " s");
            }
            return o;
        }
    }

    private GannetServerContainer container;
    private MiniUpgradeServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException, DeploymentException {
        container = new GannetServerContainer(new ServerSettings().closeTimeout(500));
        container.addEndpoint(Room.class);
        server = new MiniUpgradeServer(container);
    }

    @AfterEach
    void stop() throws IOException {
        container.shutdown();
        server.close();
    }

    private WebSocket connect(String path, Recorder listener, String... subprotocols) throws Exception {
        WebSocket.Builder b = http.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return b.buildAsync(server.uri(path), listener).get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void echoesTextAndBinaryAndNegotiatesTheSubprotocol() throws Exception {
        Recorder r = new Recorder();
        WebSocket ws = connect("/rooms/blue%20room", r, "superchat", "chat");
        assertEquals("superchat", ws.getSubprotocol());
        ws.sendText("hel", false).get(WAIT, TimeUnit.SECONDS);
        ws.sendText("lo", true).get(WAIT, TimeUnit.SECONDS);
        assertEquals("blue room:hello", r.next());
        ws.sendBinary(ByteBuffer.wrap(new byte[]{1, 2, 3}), true).get(WAIT, TimeUnit.SECONDS);
        assertEquals(List.of((byte) 3, (byte) 2, (byte) 1), boxed((byte[]) r.next()));
        ws.sendClose(1000, "bye").get(WAIT, TimeUnit.SECONDS);
        assertEquals("close 1000", r.next());
    }

    /** Greets with what the handshake carried: a header (via modifyHandshake), the query, the path parameter. */
    public static final class Greeter extends jakarta.websocket.Endpoint {
        @Override
        public void onOpen(jakarta.websocket.Session session, jakarta.websocket.EndpointConfig config) {
            try {
                session.getBasicRemote().sendText(session.getUserProperties().get("token") + " "
                        + session.getQueryString() + " " + session.getPathParameters().get("id") + " "
                        + session.getRequestParameterMap().get("q"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void modifyHandshakeQueryAndPathParametersReachTheSession() throws Exception {
        container.addEndpoint(ServerEndpointConfig.Builder.create(Greeter.class, "/greet/{id}")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public void modifyHandshake(ServerEndpointConfig sec, jakarta.websocket.server.HandshakeRequest req,
                                                jakarta.websocket.HandshakeResponse resp) {
                        sec.getUserProperties().put("token", req.getHeaders().get("x-token").get(0));
                    }
                }).build());
        Recorder r = new Recorder();
        WebSocket ws = http.newWebSocketBuilder().header("X-Token", "t-42")
                .buildAsync(server.uri("/greet/7;jsessionid=abc?q=a+b&q=c"), r).get(WAIT, TimeUnit.SECONDS);
        assertEquals("t-42 q=a+b&q=c 7 [a b, c]", r.next());
        ws.sendClose(1000, "").get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void perEndpointMessageLimitClosesWith1009() throws Exception {
        ServerEndpointConfig small = ServerEndpointConfig.Builder.create(Room.class, "/small/{room}").build();
        small.getUserProperties().put(ConfigKeys.MAX_TEXT_MESSAGE_BUFFER_SIZE, 1024);
        container.addEndpoint(small);
        Recorder r = new Recorder();
        WebSocket ws = connect("/small/s", r);
        ws.sendText("x".repeat(1000), true).get(WAIT, TimeUnit.SECONDS);
        assertEquals("s:" + "x".repeat(1000), r.next());
        ws.sendText("y".repeat(2000), true).get(WAIT, TimeUnit.SECONDS);
        assertEquals("close 1009", r.next());
    }

    @Test
    void shutdownClosesTheClientWith1001() throws Exception {
        Recorder r = new Recorder();
        connect("/rooms/x", r);
        container.shutdown();
        assertEquals("close 1001", r.next());
    }

    @Test
    void refusalsReachTheClientAsHttpStatuses() throws Exception {
        ServerEndpointConfig guarded = ServerEndpointConfig.Builder.create(Room.class, "/guarded/{room}")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public boolean checkOrigin(String originHeaderValue) {
                        return false;
                    }
                }).build();
        container.addEndpoint(guarded);
        assertEquals(403, refusedStatus("/guarded/x"));
        assertEquals(404, refusedStatus("/nowhere"));
    }

    private int refusedStatus(String path) {
        CompletableFuture<WebSocket> f = http.newWebSocketBuilder().buildAsync(server.uri(path), new Recorder());
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(WAIT, TimeUnit.SECONDS));
        Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
        return assertInstanceOf(WebSocketHandshakeException.class, cause).getResponse().statusCode();
    }

    private static List<Byte> boxed(byte[] b) {
        Byte[] out = new Byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i];
        }
        return List.of(out);
    }
}
