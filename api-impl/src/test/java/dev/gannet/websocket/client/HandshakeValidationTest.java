package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.session.WebSocketExtension;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client fails every handshake RFC 6455 §4.1 says it must fail, saying what the server sent. */
@Timeout(60)
class HandshakeValidationTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String failure(Function<Map<String, String>, byte[]> script, ClientEndpointConfig cec)
            throws Exception {
        try (ScriptedServer server = new ScriptedServer(script)) {
            Exception e = assertThrows(Exception.class,
                    () -> new GannetClientContainer().connectToServer(new Recorder(), cec, server.uri("/chat")));
            assertTrue(e instanceof DeploymentException || e instanceof IOException, e.toString());
            return e.getMessage();
        }
    }

    private static String failure(Function<Map<String, String>, byte[]> script) throws Exception {
        return failure(script, ClientEndpointConfig.Builder.create().build());
    }

    @Test
    void refusalQuotesStatusLineAndHeaders() throws Exception {
        String m = failure(r -> ascii("HTTP/1.1 403 Forbidden\r\nServer: scripted\r\nContent-Length: 0\r\n\r\n"));
        assertTrue(m.contains("\"HTTP/1.1 403 Forbidden\"") && m.contains("Server: scripted"), m);
        assertTrue(m.contains("expected status 101"), m);
    }

    @Test
    void wrongAcceptFails() throws Exception {
        String m = failure(r -> ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"));
        assertTrue(m.contains("Sec-WebSocket-Accept"), m);
    }

    @Test
    void missingUpgradeOrConnectionFails() throws Exception {
        String m = failure(r -> ascii(ScriptedServer.switching(r, "").replace("Upgrade: websocket\r\n", "")));
        assertTrue(m.contains("Upgrade header"), m);
        m = failure(r -> ascii(ScriptedServer.switching(r, "").replace("Connection: Upgrade", "Connection: close")));
        assertTrue(m.contains("Connection header"), m);
    }

    @Test
    void unofferedSubprotocolFails() throws Exception {
        String m = failure(r -> ascii(ScriptedServer.switching(r, "Sec-WebSocket-Protocol: evil\r\n")),
                ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("good")).build());
        assertTrue(m.contains("\"evil\"") && m.contains("[good]"), m);
        m = failure(r -> ascii(ScriptedServer.switching(r, "Sec-WebSocket-Protocol: evil\r\n")));
        assertTrue(m.contains("\"evil\""), m);
    }

    @Test
    void unofferedExtensionFails() throws Exception {
        String m = failure(r -> ascii(ScriptedServer.switching(r, "Sec-WebSocket-Extensions: x-foo\r\n")));
        assertTrue(m.contains("\"x-foo\""), m);
        m = failure(r -> ascii(ScriptedServer.switching(r, "Sec-WebSocket-Extensions: permessage-deflate\r\n")));
        assertTrue(m.contains("permessage-deflate"), m);
    }

    @Test
    void everyConfiguredExtensionIsOfferedAndAnAcceptedOneIsReported() throws Exception {
        // Spec §3.2.2: the default client offers the configured extensions, with their
        // parameters, in order; the server picks. One Gannet does not implement changes nothing
        // on the wire, so accepting it is fine and the session reports it.
        ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().extensions(List.of(
                new WebSocketExtension("x-first", List.of(new WebSocketExtension.Param("a", "1"),
                        new WebSocketExtension.Param("b", null))),
                WebSocketExtension.named("x-second"))).build();
        java.util.concurrent.atomic.AtomicReference<String> offered = new java.util.concurrent.atomic.AtomicReference<>();
        try (ScriptedServer server = new ScriptedServer(r -> {
            offered.set(r.get("sec-websocket-extensions"));
            return ascii(ScriptedServer.switching(r, "Sec-WebSocket-Extensions: x-second\r\n"));
        })) {
            Session session = new GannetClientContainer().connectToServer(new Recorder(), cec, server.uri("/chat"));
            try {
                assertEquals("x-first; a=1; b, x-second", offered.get());
                assertEquals(List.of("x-second"),
                        session.getNegotiatedExtensions().stream().map(e -> e.getName()).toList());
            } finally {
                session.close();
            }
        }
    }

    @Test
    void badDeflateParametersFail() throws Exception {
        ClientEndpointConfig cec = ClientEndpointConfig.Builder.create()
                .extensions(List.of(WebSocketExtension.named("permessage-deflate"))).build();
        String m = failure(r -> ascii(ScriptedServer.switching(r,
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10\r\n")), cec);
        assertTrue(m.contains("permessage-deflate"), m);
    }

    @Test
    void oversizedResponseHeadFails() throws Exception {
        String m = failure(r -> ascii("HTTP/1.1 101 Switching Protocols\r\nX-Big: " + "a".repeat(70_000)
                + "\r\n\r\n"));
        assertTrue(m.contains("larger than 65536"), m);
    }

    @Test
    void handshakeTimeoutIsHonoured() throws Exception {
        ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().build();
        cec.getUserProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, "300");
        long t0 = System.nanoTime();
        String m = failure(r -> null, cec);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(m.contains("Timed out"), m);
        assertTrue(ms < 10_000, "took " + ms + " ms");
    }

    @Test
    void connectTimeoutIsHonoured() throws Exception {
        // A listener that never accepts, with its backlog filled: further SYNs go unanswered.
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket full = new ServerSocket(0, 1, lo)) {
            java.util.List<java.nio.channels.SocketChannel> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open();
                    ch.configureBlocking(false);
                    ch.connect(new java.net.InetSocketAddress(lo, full.getLocalPort()));
                    fillers.add(ch);
                }
                Thread.sleep(200);
                // container-wide this time
                GannetClientContainer container = new GannetClientContainer();
                container.getDefaultProperties().put(ClientProperties.CONNECT_TIMEOUT, 300);
                ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().build();
                long t0 = System.nanoTime();
                IOException e = assertThrows(IOException.class, () -> container.connectToServer(
                        new Recorder(), cec, URI.create("ws://127.0.0.1:" + full.getLocalPort() + "/")));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(e.getMessage().contains("Timed out") && e.getMessage().contains("TCP connection"),
                        e.getMessage());
                assertTrue(ms >= 250 && ms < 10_000, "took " + ms + " ms");
            } finally {
                for (java.nio.channels.SocketChannel ch : fillers) {
                    ch.close();
                }
            }
        }
    }

    @Test
    void refusedConnectionIsAnIOException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        IOException e = assertThrows(IOException.class, () -> new GannetClientContainer().connectToServer(
                new Recorder(), ClientEndpointConfig.Builder.create().build(), URI.create("ws://127.0.0.1:" + port)));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void badUrisAreDeploymentErrors() {
        GannetClientContainer c = new GannetClientContainer();
        ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().build();
        assertThrows(DeploymentException.class, () -> c.connectToServer(new Recorder(), cec,
                URI.create("http://127.0.0.1:1/")));
        assertThrows(DeploymentException.class, () -> c.connectToServer(new Recorder(), cec,
                URI.create("ws://127.0.0.1:1/#frag")));
    }

    @Test
    void framesSentWithThe101AreNotLost() throws Exception {
        // The server's first text frame ("early") shares the write with the 101.
        try (ScriptedServer server = new ScriptedServer(r -> {
            byte[] head = ascii(ScriptedServer.switching(r, ""));
            byte[] out = new byte[head.length + 7];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(new byte[] {(byte) 0x81, 5, 'e', 'a', 'r', 'l', 'y'}, 0, out, head.length, 7);
            return out;
        })) {
            Recorder rec = new Recorder();
            Session s = new GannetClientContainer().connectToServer(rec,
                    ClientEndpointConfig.Builder.create().build(), server.uri("/"));
            assertEquals("early", rec.next());
            s.close();
        }
    }

    @Test
    void requestIsAValidUpgrade() throws Exception {
        java.util.concurrent.CompletableFuture<Map<String, String>> seen = new java.util.concurrent.CompletableFuture<>();
        try (ScriptedServer server = new ScriptedServer(r -> {
            seen.complete(r);
            return ascii(ScriptedServer.switching(r, ""));
        })) {
            Session s = new GannetClientContainer().connectToServer(new Recorder(),
                    ClientEndpointConfig.Builder.create().build(), server.uri("/a%20b?q=1"));
            Map<String, String> r = seen.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("GET /a%20b?q=1 HTTP/1.1", r.get(""));
            assertEquals("127.0.0.1:" + server.port(), r.get("host"));
            assertEquals("websocket", r.get("upgrade"));
            assertEquals("Upgrade", r.get("connection"));
            assertEquals("13", r.get("sec-websocket-version"));
            assertTrue(dev.gannet.websocket.protocol.HandshakeKeys.isValidKey(r.get("sec-websocket-key")));
            s.close();
        }
    }
}
