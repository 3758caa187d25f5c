package dev.gannet.websocket.server;

import dev.gannet.websocket.session.WebSocketExtension;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerHandshakeTest {

    /** RFC 6455 §1.3's example key and its accept value. */
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    private final GannetServerContainer container = new GannetServerContainer();

    static SimpleUpgradeRequest upgrade(String uri) {
        return new SimpleUpgradeRequest("GET", URI.create(uri))
                .header("Host", "example.com")
                .header("upgrade", "WebSocket")
                .header("Connection", "keep-alive, Upgrade")
                .header("Sec-WebSocket-Version", "13")
                .header("sec-websocket-key", KEY);
    }

    private ServerEndpointConfig deploy(String path, Consumer<ServerEndpointConfig.Builder> tweak)
            throws DeploymentException {
        ServerEndpointConfig.Builder b = ServerEndpointConfig.Builder.create(Echo.class, path);
        tweak.accept(b);
        ServerEndpointConfig sec = b.build();
        container.addEndpoint(sec);
        return sec;
    }

    private HandshakeOutcome handshake(String path, SimpleUpgradeRequest request) {
        return container.handshake(path, request);
    }

    private static String header(HandshakeOutcome o, String name) {
        List<String> v = o.headers().get(name);
        return v == null ? null : String.join(",", v);
    }

    @Test
    void acceptsAValidHandshake() throws DeploymentException {
        deploy("/echo", b -> { });
        HandshakeOutcome o = handshake("/echo", upgrade("ws://example.com/echo"));
        assertTrue(o.isAccepted(), o.toString());
        assertEquals(101, o.status());
        assertNull(o.failureReason());
        assertEquals(ACCEPT, header(o, "Sec-WebSocket-Accept"));
        assertEquals("websocket", header(o, "upgrade"));
        assertEquals("Upgrade", header(o, "CONNECTION"));
        assertNull(header(o, "Sec-WebSocket-Protocol"), "no subprotocol header when none is negotiated");
        assertNull(header(o, "Sec-WebSocket-Extensions"));
        assertEquals("", o.subprotocol());
        assertTrue(o.prepared().endpoint() instanceof Echo);
    }

    @Test
    void refusesMalformedRequestsWith400() throws DeploymentException {
        deploy("/echo", b -> { });
        Map<String, SimpleUpgradeRequest> cases = Map.of(
                "method is POST", new SimpleUpgradeRequest("POST", URI.create("ws://h/echo"))
                        .header("Upgrade", "websocket").header("Connection", "Upgrade")
                        .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", KEY),
                "Upgrade header", base().header("Connection", "Upgrade")
                        .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", KEY),
                "does not name websocket", base().header("Upgrade", "h2c").header("Connection", "Upgrade")
                        .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", KEY),
                "lacks the upgrade token", base().header("Upgrade", "websocket").header("Connection", "keep-alive")
                        .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", KEY),
                "not one base64-encoded 16-byte value", upgradeWithKey("AAAA"),
                "Malformed Sec-WebSocket-Extensions", upgrade("ws://h/echo")
                        .header("Sec-WebSocket-Extensions", "permessage-deflate; =x"),
                "is not a token", upgrade("ws://h/echo").header("Sec-WebSocket-Protocol", "chat, a b"));
        cases.forEach((fault, request) -> {
            HandshakeOutcome o = handshake("/echo", request);
            assertEquals(400, o.status(), fault);
            assertFalse(o.isAccepted());
            assertTrue(o.failureReason().contains(fault), o.failureReason());
            assertThrows(IllegalStateException.class, () -> o.openSession(null));
        });
        HandshakeOutcome twoKeys = handshake("/echo", upgrade("ws://h/echo").header("Sec-WebSocket-Key", KEY));
        assertEquals(400, twoKeys.status());
    }

    private static SimpleUpgradeRequest base() {
        return new SimpleUpgradeRequest("GET", URI.create("ws://h/echo"));
    }

    private static SimpleUpgradeRequest upgradeWithKey(String key) {
        return base().header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", key);
    }

    @Test
    void refusesOtherVersionsWith426NamingVersion13() throws DeploymentException {
        deploy("/echo", b -> { });
        SimpleUpgradeRequest v8 = base().header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "8").header("Sec-WebSocket-Key", KEY);
        HandshakeOutcome o = handshake("/echo", v8);
        assertEquals(426, o.status());
        assertEquals("13", header(o, "sec-websocket-version"));
        SimpleUpgradeRequest none = base().header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", KEY);
        o = handshake("/echo", none);
        assertEquals(400, o.status(), "a request without a version is malformed");
        assertEquals("13", header(o, "Sec-WebSocket-Version"));
    }

    @Test
    void noEndpointIs404() {
        HandshakeOutcome o = handshake("/nothing", upgrade("ws://h/nothing"));
        assertEquals(404, o.status());
        assertTrue(o.failureReason().contains("/nothing"));
    }

    @Test
    void originRefusedIs403AndCheckedBeforeModifyHandshake() throws DeploymentException {
        List<String> calls = new ArrayList<>();
        ServerEndpointConfig.Configurator onlyExample = new ServerEndpointConfig.Configurator() {
            @Override
            public boolean checkOrigin(String origin) {
                calls.add("checkOrigin " + origin);
                return "https://example.com".equals(origin);
            }

            @Override
            public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse r) {
                calls.add("modifyHandshake");
            }
        };
        deploy("/o", b -> b.configurator(onlyExample));
        HandshakeOutcome refused = handshake("/o", upgrade("ws://h/o").header("Origin", "https://evil.example"));
        assertEquals(403, refused.status());
        assertTrue(refused.failureReason().contains("https://evil.example"));
        assertEquals(List.of("checkOrigin https://evil.example"), calls);
        calls.clear();
        assertTrue(handshake("/o", upgrade("ws://h/o").header("Origin", "https://example.com")).isAccepted());
        assertEquals(List.of("checkOrigin https://example.com", "modifyHandshake"), calls);
        calls.clear();
        assertEquals(403, handshake("/o", upgrade("ws://h/o")).status(), "no Origin: null is passed");
        assertEquals(List.of("checkOrigin null"), calls);
    }

    @Test
    void defaultOriginCheckAcceptsAnyOrigin() throws DeploymentException {
        deploy("/echo", b -> { });
        assertTrue(handshake("/echo", upgrade("ws://h/echo").header("Origin", "https://elsewhere")).isAccepted());
    }

    @Test
    void subprotocolIsNegotiatedThroughTheConfigurator() throws DeploymentException {
        deploy("/chat", b -> b.subprotocols(List.of("chat", "superchat")));
        HandshakeOutcome o = handshake("/chat", upgrade("ws://h/chat")
                .header("Sec-WebSocket-Protocol", "v10.stomp, superchat").header("Sec-WebSocket-Protocol", "chat"));
        assertEquals("superchat", header(o, "Sec-WebSocket-Protocol"), "the client's order decides");
        assertEquals("superchat", o.subprotocol());
        assertEquals("superchat", o.prepared().subprotocol());
        o = handshake("/chat", upgrade("ws://h/chat").header("Sec-WebSocket-Protocol", "mqtt"));
        assertTrue(o.isAccepted());
        assertNull(header(o, "Sec-WebSocket-Protocol"));
    }

    @Test
    void aSubprotocolTheClientDidNotRequestIsNotSent() throws DeploymentException {
        deploy("/p", b -> b.configurator(new ServerEndpointConfig.Configurator() {
            @Override
            public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
                return "invented";
            }
        }));
        HandshakeOutcome o = handshake("/p", upgrade("ws://h/p").header("Sec-WebSocket-Protocol", "chat"));
        assertTrue(o.isAccepted());
        assertNull(header(o, "Sec-WebSocket-Protocol"));
    }

    @Test
    void permessageDeflateIsNegotiatedWithItsParameters() throws DeploymentException {
        deploy("/z", b -> { });
        HandshakeOutcome o = handshake("/z", upgrade("ws://h/z").header("Sec-WebSocket-Extensions",
                "permessage-deflate; client_max_window_bits; server_no_context_takeover, x-unknown"));
        assertEquals("permessage-deflate; server_no_context_takeover", header(o, "Sec-WebSocket-Extensions"));
        var deflate = o.prepared().deflate().orElseThrow();
        assertTrue(deflate.serverNoContextTakeover());
        assertFalse(deflate.clientNoContextTakeover());
        assertEquals(1, o.prepared().extensions().size());
        assertEquals("permessage-deflate", o.prepared().extensions().get(0).getName());
    }

    @Test
    void anOfferedServerWindowOf15IsEchoed() throws DeploymentException {
        deploy("/z", b -> { });
        HandshakeOutcome o = handshake("/z", upgrade("ws://h/z").header("Sec-WebSocket-Extensions",
                "permessage-deflate; server_max_window_bits=15; client_max_window_bits"));
        assertEquals("permessage-deflate; server_max_window_bits=15", header(o, "Sec-WebSocket-Extensions"),
                "RFC 7692 7.1.2.1: accepting server_max_window_bits means answering with it");
        assertTrue(o.prepared().deflate().isPresent());
    }

    @Test
    void theFirstAcceptableDeflateOfferWins() throws DeploymentException {
        deploy("/z", b -> { });
        HandshakeOutcome o = handshake("/z", upgrade("ws://h/z").header("Sec-WebSocket-Extensions",
                "permessage-deflate; server_max_window_bits=10, permessage-deflate; client_no_context_takeover"));
        assertEquals("permessage-deflate; client_no_context_takeover", header(o, "Sec-WebSocket-Extensions"));
        assertTrue(o.prepared().deflate().orElseThrow().clientNoContextTakeover());
        o = handshake("/z", upgrade("ws://h/z").header("Sec-WebSocket-Extensions",
                "permessage-deflate; server_max_window_bits=9"));
        assertTrue(o.isAccepted(), "declining the extension does not refuse the connection");
        assertNull(header(o, "Sec-WebSocket-Extensions"));
        assertTrue(o.prepared().deflate().isEmpty());
    }

    @Test
    void permessageDeflateCanBeSwitchedOffForTheContainerOrOneEndpoint() throws DeploymentException {
        deploy("/on", b -> { });
        ServerEndpointConfig off = deploy("/off", b -> { });
        off.getUserProperties().put(ConfigKeys.PERMESSAGE_DEFLATE, false);
        String offer = "permessage-deflate";
        assertEquals(offer, header(handshake("/on", upgrade("ws://h/on").header("Sec-WebSocket-Extensions", offer)),
                "Sec-WebSocket-Extensions"));
        assertNull(header(handshake("/off", upgrade("ws://h/off").header("Sec-WebSocket-Extensions", offer)),
                "Sec-WebSocket-Extensions"));
        container.settings().permessageDeflate(false);
        assertEquals(Set.of(), container.getInstalledExtensions());
        HandshakeOutcome o = handshake("/on", upgrade("ws://h/on").header("Sec-WebSocket-Extensions", offer));
        assertNull(header(o, "Sec-WebSocket-Extensions"));
        assertTrue(o.prepared().deflate().isEmpty());
    }

    @Test
    void applicationExtensionsComeFirstInInstalledAndPassThrough() throws DeploymentException {
        AtomicReference<List<Extension>> installedSeen = new AtomicReference<>();
        Extension foo = new WebSocketExtension("x-foo", List.of());
        deploy("/e", b -> b.extensions(List.of(foo)).configurator(new ServerEndpointConfig.Configurator() {
            @Override
            public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
                installedSeen.set(installed);
                return super.getNegotiatedExtensions(installed, requested);
            }
        }));
        HandshakeOutcome o = handshake("/e", upgrade("ws://h/e")
                .header("Sec-WebSocket-Extensions", "x-foo; level=2, x-bar, x-foo; level=1")
                .header("Sec-WebSocket-Extensions", "permessage-deflate"));
        assertEquals(List.of("x-foo", "permessage-deflate"),
                installedSeen.get().stream().map(Extension::getName).toList());
        assertEquals("x-foo; level=2, permessage-deflate", header(o, "Sec-WebSocket-Extensions"),
                "the client's order; x-bar is not installed");
        assertEquals("level", o.prepared().extensions().get(0).getParameters().get(0).getName());
    }

    @Test
    void modifyHandshakeSeesTheRequestAndItsHeadersBecomeTheResponse() throws DeploymentException {
        AtomicReference<HandshakeRequest> seen = new AtomicReference<>();
        AtomicReference<ServerEndpointConfig> seenConfig = new AtomicReference<>();
        ServerEndpointConfig sec = deploy("/m/{room}", b -> b.configurator(new ServerEndpointConfig.Configurator() {
            @Override
            public void modifyHandshake(ServerEndpointConfig c, HandshakeRequest request, HandshakeResponse response) {
                seen.set(request);
                seenConfig.set(c);
                c.getUserProperties().put("cookie", request.getHeaders().get("COOKIE").get(0));
                response.getHeaders().put("X-Room", List.of("joined"));
                assertEquals(List.of("websocket"), response.getHeaders().get("UPGRADE"));
            }
        }));
        sec.getUserProperties().put("shared", "yes");
        Principal alice = () -> "alice";
        Object httpSession = new Object();
        SimpleUpgradeRequest request = upgrade("wss://h/m/blue?a=1&a=2&b=x%20y").header("Cookie", "id=42")
                .user(alice, Set.of("admin")).httpSession(httpSession);
        HandshakeOutcome o = handshake("/m/blue", request);
        assertTrue(o.isAccepted(), o.toString());
        assertEquals("joined", header(o, "x-room"));

        HandshakeRequest r = seen.get();
        assertEquals(List.of("id=42"), r.getHeaders().get("cookie"));
        assertThrows(UnsupportedOperationException.class, () -> r.getHeaders().put("x", List.of()));
        assertSame(alice, r.getUserPrincipal());
        assertTrue(r.isUserInRole("admin"));
        assertFalse(r.isUserInRole("guest"));
        assertSame(httpSession, r.getHttpSession());
        assertEquals(URI.create("wss://h/m/blue?a=1&a=2&b=x%20y"), r.getRequestURI());
        assertEquals("a=1&a=2&b=x%20y", r.getQueryString());
        // The request parameters are the path parameters followed by the query's.
        assertEquals(Map.of("room", List.of("blue"), "a", List.of("1", "2"), "b", List.of("x y")),
                r.getParameterMap());
        assertEquals(List.of("room", "a", "b"), List.copyOf(r.getParameterMap().keySet()));

        // User properties: a per-connection copy (spec §3.1.5), seeded from the deployed ones.
        ServerEndpointConfig perConnection = seenConfig.get();
        assertEquals("id=42", perConnection.getUserProperties().get("cookie"));
        assertEquals("yes", perConnection.getUserProperties().get("shared"));
        assertFalse(sec.getUserProperties().containsKey("cookie"));
        assertEquals("/m/{room}", perConnection.getPath());
        assertSame(sec.getConfigurator(), perConnection.getConfigurator());
        assertSame(perConnection, o.prepared().config());
        assertEquals(Map.of("room", "blue"), o.prepared().pathParameters());
        assertSame(alice, o.prepared().principal());
    }

    @Test
    void pathParametersKeepTemplateOrderAndJoinTheParameterMap() throws DeploymentException {
        AtomicReference<HandshakeRequest> seen = new AtomicReference<>();
        deploy("/p/{zeta}/{alpha}/{mid}", b -> b.configurator(new ServerEndpointConfig.Configurator() {
            @Override
            public void modifyHandshake(ServerEndpointConfig c, HandshakeRequest request, HandshakeResponse response) {
                seen.set(request);
            }
        }));
        // '=' is an ordinary path character (RFC 3986 sub-delims): it stays in the value.
        HandshakeOutcome o = handshake("/p/z1/a=b/m%3D", upgrade("ws://h/p/z1/a=b/m%3D?alpha=q&x=1"));
        assertTrue(o.isAccepted(), o.toString());
        Map<String, String> path = o.prepared().pathParameters();
        assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(path.keySet()));
        assertEquals(List.of("z1", "a=b", "m="), List.copyOf(path.values()));

        Map<String, List<String>> params = seen.get().getParameterMap();
        assertEquals(List.of("zeta", "alpha", "mid", "x"), List.copyOf(params.keySet()));
        assertEquals(List.of("a=b", "q"), params.get("alpha"));
        assertEquals(List.of("z1"), params.get("zeta"));
        assertEquals(List.of("1"), params.get("x"));
        assertThrows(UnsupportedOperationException.class, () -> params.put("y", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> params.get("alpha").add("r"));
    }

    @Test
    void modifyHandshakeMayReplaceTheSubprotocol() throws DeploymentException {
        deploy("/s", b -> b.subprotocols(List.of("a", "b")).configurator(new ServerEndpointConfig.Configurator() {
            @Override
            public void modifyHandshake(ServerEndpointConfig c, HandshakeRequest request, HandshakeResponse response) {
                response.getHeaders().put("Sec-WebSocket-Protocol", List.of("b"));
            }
        }));
        HandshakeOutcome o = handshake("/s", upgrade("ws://h/s").header("Sec-WebSocket-Protocol", "a, b"));
        assertEquals("b", o.subprotocol());
    }

    private void deployModifying(String path, Consumer<HandshakeResponse> change) throws DeploymentException {
        deploy(path, b -> b.configurator(new ServerEndpointConfig.Configurator() {
            @Override
            public void modifyHandshake(ServerEndpointConfig c, HandshakeRequest request, HandshakeResponse response) {
                change.accept(response);
                c.getUserProperties().put(ConfigKeys.IDLE_TIMEOUT, "1234");
            }
        }));
    }

    @Test
    void modifyHandshakeDecidesExtensionsAndLimitsInUse() throws DeploymentException {
        deployModifying("/drop", r -> r.getHeaders().remove("Sec-WebSocket-Extensions"));
        deployModifying("/keep", r -> r.getHeaders().put("X-Other", List.of("1")));
        deployModifying("/alter", r -> r.getHeaders().put("Sec-WebSocket-Extensions",
                List.of("permessage-deflate; server_no_context_takeover")));
        String offer = "permessage-deflate";
        HandshakeOutcome dropped = handshake("/drop", upgrade("ws://h/drop").header("Sec-WebSocket-Extensions", offer));
        assertTrue(dropped.isAccepted());
        assertTrue(dropped.prepared().deflate().isEmpty(), "no compression once the header is gone");
        assertTrue(dropped.prepared().extensions().isEmpty());
        assertEquals(1234L, dropped.prepared().settings().idleTimeout(), "per-connection user properties apply");

        HandshakeOutcome kept = handshake("/keep", upgrade("ws://h/keep").header("Sec-WebSocket-Extensions", offer));
        assertTrue(kept.prepared().deflate().isPresent());

        HandshakeOutcome altered = handshake("/alter", upgrade("ws://h/alter").header("Sec-WebSocket-Extensions", offer));
        assertEquals(500, altered.status());
        assertTrue(altered.failureReason().contains("permessage-deflate can only be kept"), altered.failureReason());
    }

    @Test
    void getEndpointInstanceIsCalledForEveryConnection() throws DeploymentException {
        AtomicInteger made = new AtomicInteger();
        deploy("/i", b -> b.configurator(new ServerEndpointConfig.Configurator() {
            @Override
            public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
                made.incrementAndGet();
                return super.getEndpointInstance(endpointClass);
            }
        }));
        handshake("/i", upgrade("ws://h/i"));
        handshake("/i", upgrade("ws://h/i"));
        assertEquals(2, made.get());
    }

    @Test
    void applicationFailuresAre500() throws DeploymentException {
        deploy("/fail-instance", b -> b.configurator(new ServerEndpointConfig.Configurator() {
            @Override
            public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
                throw new InstantiationException("no instances today");
            }
        }));
        deploy("/fail-modify", b -> b.configurator(new ServerEndpointConfig.Configurator() {
            @Override
            public void modifyHandshake(ServerEndpointConfig c, HandshakeRequest request, HandshakeResponse response) {
                throw new IllegalStateException("broken");
            }
        }));
        HandshakeOutcome o = handshake("/fail-instance", upgrade("ws://h/fail-instance"));
        assertEquals(500, o.status());
        assertTrue(o.failureReason().contains("getEndpointInstance"), o.failureReason());
        o = handshake("/fail-modify", upgrade("ws://h/fail-modify"));
        assertEquals(500, o.status());
        assertTrue(o.failureReason().contains("modifyHandshake"), o.failureReason());
    }

    @Test
    void aShutDownContainerRefusesWith503() throws DeploymentException {
        deploy("/echo", b -> { });
        EndpointMatch m = container.match("/echo").orElseThrow();
        container.shutdown();
        assertEquals(503, container.handshake(m, upgrade("ws://h/echo")).status());
        assertTrue(container.match("/echo").isEmpty());
    }

    @Test
    void aRequestTargetTheJdkRejectsIsRefusedWith400NamingIt() throws DeploymentException {
        List<String> calls = new ArrayList<>();
        deploy("/chat/{room}", b -> b.configurator(new ServerEndpointConfig.Configurator() {
            @Override
            public boolean checkOrigin(String originHeaderValue) {
                calls.add("checkOrigin");
                return true;
            }

            @Override
            public void modifyHandshake(ServerEndpointConfig c, HandshakeRequest request, HandshakeResponse response) {
                calls.add("modifyHandshake");
            }
        }));
        // '|' may pass an HTTP server's request-line parser, but java.net.URI refuses it; the
        // servlet adapter builds its URI with URI.create, so it throws as this one does.
        UpgradeRequest raw = new RawTarget(upgrade("ws://h/chat/x"), "ws://h:80/chat/a|b", null, null);
        HandshakeOutcome o = container.handshake("/chat/x", raw);
        assertEquals(400, o.status(), o.toString());
        assertFalse(o.isAccepted());
        assertTrue(o.failureReason().contains("/chat/a|b"), o.failureReason());
        // Servlet containers decode the query lazily and throw on bad escapes: the client's fault too.
        UpgradeRequest badQuery = new RawTarget(upgrade("ws://h/chat/x"), "ws://h/chat/x", "q=%zz",
                new IllegalStateException("Unable to parse URI query"));
        o = container.handshake("/chat/x", badQuery);
        assertEquals(400, o.status(), o.toString());
        assertTrue(o.failureReason().contains("q=%zz") && o.failureReason().contains("Unable to parse URI query"),
                o.failureReason());
        assertEquals(List.of(), calls, "no application code runs for a malformed request");
    }

    /** A request whose URI is built from a raw request target the way the servlet adapter does. */
    private static final class RawTarget implements UpgradeRequest {
        private final UpgradeRequest rest;
        private final String rawUri;
        private final String rawQuery;
        private final RuntimeException parameterFailure;

        RawTarget(UpgradeRequest rest, String rawUri, String rawQuery, RuntimeException parameterFailure) {
            this.rest = rest;
            this.rawUri = rawUri;
            this.rawQuery = rawQuery;
            this.parameterFailure = parameterFailure;
        }

        @Override
        public URI getRequestURI() {
            return URI.create(rawUri);
        }

        @Override
        public String getMethod() {
            return rest.getMethod();
        }

        @Override
        public String getQueryString() {
            return rawQuery;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return rest.getHeaders();
        }

        @Override
        public Map<String, List<String>> getParameterMap() {
            if (parameterFailure != null) {
                throw parameterFailure;
            }
            return rest.getParameterMap();
        }

        @Override
        public Principal getUserPrincipal() {
            return rest.getUserPrincipal();
        }

        @Override
        public boolean isUserInRole(String role) {
            return rest.isUserInRole(role);
        }

        @Override
        public Object getHttpSession() {
            return rest.getHttpSession();
        }

        @Override
        public boolean isSecure() {
            return rest.isSecure();
        }

        @Override
        public java.net.InetSocketAddress getRemoteAddress() {
            return rest.getRemoteAddress();
        }

        @Override
        public java.net.InetSocketAddress getLocalAddress() {
            return rest.getLocalAddress();
        }
    }
}
