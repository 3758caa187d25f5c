package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario against one web application deployed the way a real container deploys a WAR
 * (Gannet's initializer discovered, test-classes scanned), on Jetty and on Tomcat, driven by the
 * JDK's WebSocket client. The application is in the {@code testapp} package.
 */
class WebSocketScenariosTest {

    private static final Map<String, String> INIT_PARAMETERS = Map.of(
            "dev.gannet.websocket.maxTextMessageBufferSize", String.valueOf(20 << 20),
            "dev.gannet.websocket.maxBinaryMessageBufferSize", String.valueOf(20 << 20),
            "dev.gannet.websocket.idleTimeout", "120000",
            "dev.gannet.websocket.closeTimeout", "1000");

    private static final List<EmbeddedContainer> CONTAINERS = new ArrayList<>();
    private static final List<String> REFUSALS = new CopyOnWriteArrayList<>();
    private static final Logger REFUSAL_LOG = Logger.getLogger(WebSocketApplication.class.getName());
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord r) {
            Object[] p = r.getParameters();
            REFUSALS.add(p == null ? r.getMessage() : p[0] + " " + p[1] + " " + p[2]);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void deploy() throws Exception {
        REFUSAL_LOG.addHandler(CAPTURE);
        CONTAINERS.addAll(EmbeddedContainer.startAll(EmbeddedContainer.WebApp.discovered("/app", INIT_PARAMETERS)));
    }

    @AfterAll
    static void undeploy() throws Exception {
        EmbeddedContainer.closeAll(CONTAINERS);
        REFUSAL_LOG.removeHandler(CAPTURE);
    }

    static List<EmbeddedContainer> containers() {
        return CONTAINERS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void echoesTextAndBinary(EmbeddedContainer c) throws Exception {
        WsClient client = WsClient.connect(c.ws("/echo"));
        client.socket.sendText("héllo wörld", true).get(5, TimeUnit.SECONDS);
        assertEquals("héllo wörld", client.nextText());
        client.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, 0, -1}), true).get(5, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {1, 2, 3, 0, -1}, client.nextBinary());
        client.socket.sendClose(1000, "done").get(5, TimeUnit.SECONDS);
        assertEquals(1000, client.awaitClose().code());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void echoesSixteenMebibyteMessages(EmbeddedContainer c) throws Exception {
        byte[] payload = new byte[16 << 20];
        new Random(7).nextBytes(payload);
        WsClient client = WsClient.connect(c.ws("/echo"));
        client.socket.sendBinary(ByteBuffer.wrap(payload), true).get(30, TimeUnit.SECONDS);
        assertArrayEquals(payload, client.nextBinary());
        String text = "x".repeat(16 << 20);
        client.socket.sendText(text, true).get(30, TimeUnit.SECONDS);
        assertEquals(text, client.nextText());
        client.socket.sendClose(1000, "").get(5, TimeUnit.SECONDS);
        client.awaitClose();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void echoesManyMessagesInOrder(EmbeddedContainer c) throws Exception {
        WsClient client = WsClient.connect(c.ws("/echo"));
        for (int i = 0; i < 2000; i++) {
            client.socket.sendText("m" + i, true).get(5, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 2000; i++) {
            assertEquals("m" + i, client.nextText());
        }
        client.socket.sendClose(1000, "").get(5, TimeUnit.SECONDS);
        client.awaitClose();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void manyClientsAtOnce(EmbeddedContainer c) throws Exception {
        int clients = 40;
        int messages = 50;
        List<WsClient> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            all.add(WsClient.connect(c.ws("/echo")));
        }
        List<java.util.concurrent.CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            WsClient client = all.get(i);
            String prefix = "c" + i + "-";
            sends.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                for (int m = 0; m < messages; m++) {
                    client.socket.sendText(prefix + m + "-" + "y".repeat(m * 100), true).join();
                }
            }));
        }
        for (java.util.concurrent.CompletableFuture<Void> f : sends) {
            f.get(30, TimeUnit.SECONDS);
        }
        for (int i = 0; i < clients; i++) {
            for (int m = 0; m < messages; m++) {
                assertEquals("c" + i + "-" + m + "-" + "y".repeat(m * 100), all.get(i).nextText());
            }
            all.get(i).socket.sendClose(1000, "").get(5, TimeUnit.SECONDS);
        }
        for (WsClient client : all) {
            assertEquals(1000, client.awaitClose().code());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void permessageDeflateRoundTrip(EmbeddedContainer c) throws Exception {
        try (java.net.Socket socket = RawHandshake.open(c, "/echo",
                "Sec-WebSocket-Extensions: permessage-deflate\r\n")) {
            String text = "deflate me ".repeat(200);
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
            deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[4096];
            int n = deflater.deflate(buffer, 0, buffer.length, java.util.zip.Deflater.SYNC_FLUSH);
            deflater.end();
            byte[] header = RawHandshake.frameHeader(0x1, true, n - 4); // without the 00 00 ff ff tail
            header[0] |= 0x40; // RSV1: compressed
            socket.getOutputStream().write(header);
            socket.getOutputStream().write(buffer, 0, n - 4);

            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            int first = in.readUnsignedByte();
            assertEquals(0xC1, first, "FIN, RSV1 and text: the echo comes back compressed");
            int len = in.readUnsignedByte();
            len = len == 126 ? in.readUnsignedShort() : len;
            byte[] payload = new byte[len + 4];
            in.readFully(payload, 0, len);
            payload[len + 2] = (byte) 0xff;
            payload[len + 3] = (byte) 0xff;
            java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
            inflater.setInput(payload);
            byte[] out = new byte[text.length() * 2];
            int m = inflater.inflate(out);
            inflater.end();
            assertEquals(text, new String(out, 0, m, StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void pingIsAnsweredWithPong(EmbeddedContainer c) throws Exception {
        WsClient client = WsClient.connect(c.ws("/echo"));
        client.socket.sendPing(ByteBuffer.wrap(new byte[] {7, 8, 9})).get(5, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {7, 8, 9}, client.pongs.poll(10, TimeUnit.SECONDS));
        client.socket.sendClose(1000, "").get(5, TimeUnit.SECONDS);
        client.awaitClose();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void closeCodesTravelBothWays(EmbeddedContainer c) throws Exception {
        WsClient byClient = WsClient.connect(c.ws("/echo"));
        byClient.socket.sendClose(4001, "client says bye").get(5, TimeUnit.SECONDS);
        assertEquals(4001, byClient.awaitClose().code()); // the server echoes the client's code

        WsClient byServer = WsClient.connect(c.ws("/echo"));
        byServer.socket.sendText("close:4002", true).get(5, TimeUnit.SECONDS);
        WsClient.Close close = byServer.awaitClose();
        assertEquals(4002, close.code());
        assertEquals("asked to", close.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void refusedHandshakesGetTheirStatusAndALogLine(EmbeddedContainer c) throws Exception {
        String good = RawHandshake.GOOD_KEY;
        assertEquals(101, RawHandshake.status(RawHandshake.send(c, "/echo", RawHandshake.headers(good, "13", ""))));

        REFUSALS.clear();
        assertEquals(400, RawHandshake.status(RawHandshake.send(c, "/echo", RawHandshake.headers("short", "13", ""))));
        assertEquals(400, RawHandshake.status(RawHandshake.send(c, "/echo", RawHandshake.headers(null, "13", ""))));
        assertEquals(403, RawHandshake.status(RawHandshake.send(c, "/guarded",
                RawHandshake.headers(good, "13", "Origin: http://evil.example\r\n"))));
        assertEquals(101, RawHandshake.status(RawHandshake.send(c, "/guarded",
                RawHandshake.headers(good, "13", "Origin: http://good.example\r\n"))));
        assertEquals(404, RawHandshake.status(RawHandshake.send(c, "/nothing-here", RawHandshake.headers(good, "13", ""))));
        assertEquals(404, RawHandshake.status(RawHandshake.send(c, "/excluded", RawHandshake.headers(good, "13", ""))));
        String wrongVersion = RawHandshake.send(c, "/echo", RawHandshake.headers(good, "8", ""));
        assertEquals(426, RawHandshake.status(wrongVersion));
        assertTrue(wrongVersion.toLowerCase().contains("sec-websocket-version: 13"), wrongVersion);

        String deflate = RawHandshake.send(c, "/echo",
                RawHandshake.headers(good, "13", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"));
        assertEquals(101, RawHandshake.status(deflate));
        assertTrue(deflate.toLowerCase().contains("sec-websocket-extensions: permessage-deflate"), deflate);

        String log = String.join("\n", REFUSALS);
        assertTrue(log.contains("/app/echo 400") && log.contains("Sec-WebSocket-Key"), log);
        assertTrue(log.contains("/app/guarded 403") && log.contains("evil.example"), log);
        assertTrue(log.contains("/app/nothing-here 404"), log);
        assertTrue(log.contains("/app/echo 426"), log);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void plainHttpRequestsPassThroughUntouched(EmbeddedContainer c) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(c.http("/login?user=ann")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        assertEquals("ok", login.body());
        HttpResponse<String> plainGetOnEndpoint = http.send(HttpRequest.newBuilder(c.http("/echo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, plainGetOnEndpoint.statusCode()); // the default servlet answered, not Gannet
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void handshakeRequestShowsTheServletRequest(EmbeddedContainer c) throws Exception {
        String cookie = login(c, "root");
        WsClient client = WsClient.connect(c.ws("/info?a=1&a=2&b=x%20y"), Map.of("Cookie", cookie, "x-Probe", "p1"));
        String info = client.nextText();
        assertTrue(info.contains("x-probe=[p1]"), info);
        assertTrue(info.contains("params={a=[1, 2], b=[x y]}"), info);
        assertTrue(info.contains("query=a=1&a=2&b=x%20y"), info);
        assertTrue(info.contains("uri=ws://127.0.0.1:" + c.port() + "/app/info?a=1&a=2&b=x%20y"), info);
        assertTrue(info.contains("user=root admin=true"), info);
        String httpSessionId = info.substring(info.indexOf("http=") + 5, info.indexOf(' ', info.indexOf("http=")));
        assertTrue(cookie.substring(cookie.indexOf('=') + 1).startsWith(httpSessionId), info); // Jetty appends .node0
        assertTrue(info.contains("idle=120000"), info);
        assertTrue(info.contains("textMax=" + (20 << 20)), info);
        client.socket.sendClose(1000, "").get(5, TimeUnit.SECONDS);
        client.awaitClose();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void invalidatingTheHttpSessionClosesItsWebSocketsWith1008(EmbeddedContainer c) throws Exception {
        String cookie = login(c, "bob");
        WsClient authenticated = WsClient.connect(c.ws("/programmatic/b"), Map.of("Cookie", cookie));
        assertTrue(authenticated.nextText().contains("user=bob"));
        WsClient anonymous = WsClient.connect(c.ws("/echo"));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        http.send(HttpRequest.newBuilder(c.http("/logout")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(1008, authenticated.awaitClose().code());
        anonymous.socket.sendText("still here", true).get(5, TimeUnit.SECONDS);
        assertEquals("still here", anonymous.nextText());
        anonymous.socket.sendClose(1000, "").get(5, TimeUnit.SECONDS);
        anonymous.awaitClose();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void endpointsFromAppConfigListenerAndUpgradeHttpToWebSocket(EmbeddedContainer c) throws Exception {
        String[][] cases = {
            {"/programmatic/p?q=1", "hello {name=p} user=null query=q=1 uri=ws://127.0.0.1:" + c.port() + "/app/programmatic/p?q=1"},
            {"/listener/l", "hello {name=l}"},
            {"/manual/m", "hello {name=m} user=null query=null uri=ws://127.0.0.1:" + c.port() + "/app/manual/m"},
        };
        for (String[] test : cases) {
            WsClient client = WsClient.connect(c.ws(test[0]));
            String greeting = client.nextText();
            assertTrue(greeting.startsWith(test[1]), greeting);
            client.socket.sendClose(1000, "").get(5, TimeUnit.SECONDS);
            client.awaitClose();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void aClientThatVanishesMidMessageLeavesNoSession(EmbeddedContainer c) throws Exception {
        int before = openSessions(c);
        java.net.Socket socket = RawHandshake.open(c, "/echo");
        awaitOpenSessions(c, before + 1);
        socket.getOutputStream().write(RawHandshake.frameHeader(0x2, true, 1000));
        socket.getOutputStream().write(new byte[10]); // 990 bytes of the message never come
        socket.setSoLinger(true, 0);
        socket.close(); // reset, no close frame
        awaitOpenSessions(c, before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void aClientThatNeverAnswersTheCloseIsCutOff(EmbeddedContainer c) throws Exception {
        int before = openSessions(c);
        try (java.net.Socket socket = RawHandshake.open(c, "/echo")) {
            byte[] text = "close:4003".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(RawHandshake.frameHeader(0x1, true, text.length));
            socket.getOutputStream().write(text);
            java.io.InputStream in = socket.getInputStream();
            assertEquals(0x88, in.read()); // the server's close frame; this client never answers
            awaitOpenSessions(c, before); // aborted at the 1 s close timeout, onClose ran, registries left
            if (!c.name().equals("tomcat")) {
                // Tomcat closes an upgraded socket only when one of its own threads next handles
                // it, i.e. when the peer sends or disconnects; a silent peer keeps the socket.
                in.skip(1 + 2 + 8); // length, code 4003, "asked to"
                assertEquals(-1, in.read(), "the server must drop the connection after its close timeout");
            }
        }
        awaitOpenSessions(c, before);
    }

    private static int openSessions(EmbeddedContainer c) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return Integer.parseInt(http.send(HttpRequest.newBuilder(c.http("/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void awaitOpenSessions(EmbeddedContainer c, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int now;
        while ((now = openSessions(c)) != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(expected, now, c + ": open sessions");
    }

    private static String login(EmbeddedContainer c, String user) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
        http.send(HttpRequest.newBuilder(c.http("/login?user=" + user)).build(), HttpResponse.BodyHandlers.ofString());
        for (HttpCookie cookie : cookies.getCookieStore().get(URI.create(c.http("/").toString()))) {
            if (cookie.getName().equalsIgnoreCase("JSESSIONID")) {
                return cookie.getName() + "=" + cookie.getValue();
            }
        }
        throw new AssertionError("No session cookie after /login");
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
