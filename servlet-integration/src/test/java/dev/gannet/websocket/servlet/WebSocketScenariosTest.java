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
            "dev.gannet.websocket.idleTimeout", "120000");

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
        for (EmbeddedContainer.Kind kind : EmbeddedContainer.KINDS) {
            CONTAINERS.add(kind.start(EmbeddedContainer.WebApp.discovered("/app", INIT_PARAMETERS)));
        }
    }

    @AfterAll
    static void undeploy() throws Exception {
        for (EmbeddedContainer c : CONTAINERS) {
            c.close();
        }
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
        assertTrue(WsClient.connect(c.ws("/programmatic/p?q=1")).nextText()
                .startsWith("hello {name=p} user=null query=q=1 uri=ws://127.0.0.1:" + c.port() + "/app/programmatic/p?q=1"));
        assertTrue(WsClient.connect(c.ws("/listener/l")).nextText().startsWith("hello {name=l}"));
        assertTrue(WsClient.connect(c.ws("/manual/m")).nextText().startsWith("hello {name=m}"));
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
