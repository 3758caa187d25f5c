package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.session.WebSocketExtension;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End to end against node's ws server: messages, coders, subprotocols, deflate, close codes. */
@Timeout(60)
class ClientEchoTest {

    private static NodeWsServer plain;
    private static NodeWsServer deflating;

    @BeforeAll
    static void startServers() throws Exception {
        if (!NodeWsServer.nodeAvailable()) {
            return; // every test is then skipped by assumeNode()
        }
        plain = NodeWsServer.start("{\"protocols\":[\"superchat\",\"v2.gannet\"]}");
        deflating = NodeWsServer.start("{\"deflate\":true}");
    }

    @BeforeEach
    void needsNode() {
        NodeWsServer.assumeNode();
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (plain != null) {
            plain.close();
        }
        if (deflating != null) {
            deflating.close();
        }
    }

    @Test
    void containerProviderFindsGannet() {
        WebSocketContainer c = ContainerProvider.getWebSocketContainer();
        assertInstanceOf(GannetClientContainer.class, c);
        assertEquals(Extension.class.isInstance(c.getInstalledExtensions().iterator().next()), true);
        assertEquals("permessage-deflate", c.getInstalledExtensions().iterator().next().getName());
    }

    @Test
    void programmaticEndpointEchoesTextBinaryAndLargeMessages() throws Exception {
        GannetClientContainer c = new GannetClientContainer();
        c.setDefaultMaxTextMessageBufferSize(4 << 20);
        c.setDefaultMaxBinaryMessageBufferSize(4 << 20);
        Recorder r = new Recorder();
        Session s = c.connectToServer(r, ClientEndpointConfig.Builder.create().build(), plain.uri("/echo?a=1&b=%C3%A9"));
        assertTrue(s.isOpen());
        assertEquals(Map.of("a", List.of("1"), "b", List.of("\u00e9")), s.getRequestParameterMap());
        assertEquals(4 << 20, s.getMaxTextMessageBufferSize());
        assertEquals("", s.getNegotiatedSubprotocol());
        s.getBasicRemote().sendText("h\u00e9llo \uD83D\uDE00");
        assertEquals("h\u00e9llo \uD83D\uDE00", r.next());
        byte[] bin = new byte[70_000];
        new Random(1).nextBytes(bin);
        s.getBasicRemote().sendBinary(ByteBuffer.wrap(bin));
        assertEquals(ByteBuffer.wrap(bin), r.next());
        String large = "x".repeat(3 << 20);
        s.getAsyncRemote().sendText(large).get(20, TimeUnit.SECONDS);
        assertEquals(large, r.next());
        s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        assertEquals(1000, r.awaitClose().getCloseCode().getCode());
        // The session counts as open until onClose has returned: the recorder saw it from inside.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!c.getOpenSessions().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(c.getOpenSessions().isEmpty());
    }

    @Test
    void programmaticEndpointClass() throws Exception {
        Session s = new GannetClientContainer().connectToServer(Recorder.class,
                ClientEndpointConfig.Builder.create().build(), plain.uri("/"));
        Recorder r = (Recorder) ((dev.gannet.websocket.session.WsSession) s).getEndpoint();
        s.getBasicRemote().sendText("from a class");
        assertEquals("from a class", r.next());
        s.close();
        r.awaitClose();
    }

    @Test
    void serverCloseCodeAndReasonReachOnClose() throws Exception {
        Recorder r = new Recorder();
        new GannetClientContainer().connectToServer(r, ClientEndpointConfig.Builder.create().build(),
                plain.uri("/close?code=4001&reason=bye"));
        CloseReason cr = r.awaitClose();
        assertEquals(4001, cr.getCloseCode().getCode());
        assertEquals("bye", cr.getReasonPhrase());
    }

    @Test
    void subprotocolsHeadersBothWaysAndUserProperties() throws Exception {
        CompletableFuture<HandshakeResponse> response = new CompletableFuture<>();
        ClientEndpointConfig cec = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("chat", "v2.gannet"))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("X-Custom", List.of("one"));
                    }

                    @Override
                    public void afterResponse(HandshakeResponse hr) {
                        response.complete(hr);
                    }
                }).build();
        cec.getUserProperties().put("answer", 42);
        Recorder r = new Recorder();
        Session s = new GannetClientContainer().connectToServer(r, cec, plain.uri("/headers"));
        assertEquals("v2.gannet", s.getNegotiatedSubprotocol());
        assertEquals(42, s.getUserProperties().get("answer"));
        String headers = (String) r.next();
        assertTrue(headers.contains("\"x-custom\":\"one\""), headers);
        assertTrue(headers.contains("\"sec-websocket-protocol\":\"chat, v2.gannet\""), headers);
        assertEquals(List.of("hello"), response.get(5, TimeUnit.SECONDS).getHeaders().get("x-gannet-test"));
        s.close();
    }

    @Test
    void permessageDeflateIsOfferedAndUsed() throws Exception {
        ClientEndpointConfig cec = ClientEndpointConfig.Builder.create()
                .extensions(List.of(WebSocketExtension.named("permessage-deflate"))).build();
        Recorder r = new Recorder();
        GannetClientContainer c = new GannetClientContainer();
        c.setDefaultMaxTextMessageBufferSize(1 << 20);
        Session s = c.connectToServer(r, cec, deflating.uri("/echo"));
        assertEquals("permessage-deflate", s.getNegotiatedExtensions().get(0).getName());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 500_000; i++) {
            sb.append("message ").append(i).append(' ');
        }
        for (int i = 0; i < 3; i++) {
            s.getBasicRemote().sendText(sb.toString());
            assertEquals(sb.toString(), r.next());
        }
        s.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), r.next());
        s.close();
        r.awaitClose();
    }

    @Test
    void deflateNotOfferedMeansNoneNegotiated() throws Exception {
        Recorder r = new Recorder();
        Session s = new GannetClientContainer().connectToServer(r, ClientEndpointConfig.Builder.create().build(),
                deflating.uri("/echo"));
        assertTrue(s.getNegotiatedExtensions().isEmpty());
        s.close();
    }

    @Test
    void containerDefaultsApplyToNewSessions() throws Exception {
        GannetClientContainer c = new GannetClientContainer();
        c.setAsyncSendTimeout(1234);
        c.setDefaultMaxBinaryMessageBufferSize(1000);
        c.setDefaultMaxSessionIdleTimeout(500);
        assertEquals(1234, c.getDefaultAsyncSendTimeout());
        Recorder r = new Recorder();
        Session s = c.connectToServer(r, ClientEndpointConfig.Builder.create().build(), plain.uri("/echo"));
        assertEquals(1234, s.getAsyncRemote().getSendTimeout());
        assertEquals(1000, s.getMaxBinaryMessageBufferSize());
        assertEquals(500, s.getMaxIdleTimeout());
        // An echoed binary message above the buffer size closes the session with 1009.
        s.getBasicRemote().sendBinary(ByteBuffer.allocate(2000));
        assertEquals(1009, r.awaitClose().getCloseCode().getCode());

        Recorder idle = new Recorder();
        long t0 = System.nanoTime();
        Session quiet = c.connectToServer(idle, ClientEndpointConfig.Builder.create().build(), plain.uri("/echo"));
        idle.awaitClose();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 400 && ms < 10_000, "idle close after " + ms + " ms");
        // Open until onClose has returned; the test saw onClose from inside it.
        for (long end = System.nanoTime() + 5_000_000_000L; quiet.isOpen() && System.nanoTime() < end; ) {
            Thread.onSpinWait();
        }
        assertTrue(!quiet.isOpen());
    }

    @Test
    void userPropertiesOverrideContainerDefaultsPerConnection() throws Exception {
        GannetClientContainer c = new GannetClientContainer();
        ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().build();
        cec.getUserProperties().put(ClientProperties.IDLE_TIMEOUT, 7000);
        cec.getUserProperties().put(ClientProperties.MAX_TEXT_MESSAGE_BUFFER_SIZE, "3000");
        cec.getUserProperties().put(ClientProperties.ASYNC_SEND_TIMEOUT, 999L);
        Recorder r = new Recorder();
        Session s = c.connectToServer(r, cec, plain.uri("/echo"));
        assertEquals(7000, s.getMaxIdleTimeout());
        assertEquals(3000, s.getMaxTextMessageBufferSize());
        assertEquals(999, s.getAsyncRemote().getSendTimeout());
        s.close();
        cec.getUserProperties().put(ClientProperties.CONNECT_TIMEOUT, "soon");
        jakarta.websocket.DeploymentException e = org.junit.jupiter.api.Assertions.assertThrows(
                jakarta.websocket.DeploymentException.class, () -> c.connectToServer(new Recorder(), cec,
                        plain.uri("/echo")));
        assertTrue(e.getMessage().contains(ClientProperties.CONNECT_TIMEOUT), e.getMessage());
    }

    // ---- annotated endpoints with coders -------------------------------------------------------

    public record Point(int x, int y) {
    }

    public static final class PointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point p) throws EncodeException {
            return p.x() + "," + p.y();
        }
    }

    public static final class PointDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) throws DecodeException {
            String[] parts = s.split(",");
            return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }

        @Override
        public boolean willDecode(String s) {
            return s.matches("-?\\d+,-?\\d+");
        }
    }

    @ClientEndpoint(subprotocols = {"superchat"}, encoders = PointEncoder.class, decoders = PointDecoder.class)
    public static class PointClient {
        static final BlockingQueue<Object> RECEIVED = new LinkedBlockingQueue<>();
        final BlockingQueue<Object> received = RECEIVED;

        @OnOpen
        public void open(Session s) throws Exception {
            s.getBasicRemote().sendObject(new Point(3, -4));
        }

        @OnMessage
        public void point(Point p) {
            received.add(p);
        }

        @OnClose
        public void close(CloseReason reason) {
            received.add(reason.getCloseCode().getCode());
        }
    }

    @Test
    void annotatedInstanceWithCodersAndSubprotocol() throws Exception {
        PointClient client = new PointClient();
        Session s = new GannetClientContainer().connectToServer(client, plain.uri("/echo"));
        assertEquals("superchat", s.getNegotiatedSubprotocol());
        assertEquals(new Point(3, -4), client.received.poll(20, TimeUnit.SECONDS));
        s.close();
        assertEquals(1000, client.received.poll(20, TimeUnit.SECONDS));
    }

    @Test
    void annotatedClass() throws Exception {
        PointClient.RECEIVED.clear();
        Session s = ContainerProvider.getWebSocketContainer().connectToServer(PointClient.class, plain.uri("/echo"));
        assertEquals(new Point(3, -4), PointClient.RECEIVED.poll(20, TimeUnit.SECONDS));
        s.close();
        assertEquals(1000, PointClient.RECEIVED.poll(20, TimeUnit.SECONDS));
    }
}
