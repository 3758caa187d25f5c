package dev.gannet.websocket.server;

import dev.gannet.websocket.session.WebSocketExtension;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gannet.websocket.server.ServerHandshakeTest.upgrade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Extension negotiation through real handshakes: name matching and the one-user rule for RSV1. */
class ExtensionNegotiationTest {

    private final GannetServerContainer container = new GannetServerContainer();

    @AfterEach
    void stop() {
        container.shutdown();
    }

    private static Extension ext(String name) {
        return new WebSocketExtension(name, List.of());
    }

    private void deploy(String path, List<Extension> extensions, ServerEndpointConfig.Configurator configurator)
            throws DeploymentException {
        ServerEndpointConfig.Builder b = ServerEndpointConfig.Builder.create(ServerHandshakeTest.Echo.class, path)
                .extensions(extensions);
        if (configurator != null) {
            b.configurator(configurator);
        }
        container.addEndpoint(b.build());
    }

    private HandshakeOutcome offer(String path, String extensionsHeader) {
        HandshakeOutcome o = container.handshake(path, upgrade("ws://h" + path)
                .header("Sec-WebSocket-Extensions", extensionsHeader));
        assertTrue(o.isAccepted(), o.toString());
        return o;
    }

    private static String answer(HandshakeOutcome o) {
        List<String> v = o.headers().get("Sec-WebSocket-Extensions");
        return v == null ? null : String.join(",", v);
    }

    private static List<String> names(HandshakeOutcome o) {
        return o.prepared().extensions().stream().map(Extension::getName).toList();
    }

    @Test
    void theDefaultConfiguratorMatchesNamesIgnoringCase() throws DeploymentException {
        deploy("/d", List.of(ext("x-foo")), null);
        HandshakeOutcome o = offer("/d", "X-Foo; a=1, PerMessage-Deflate; Server_No_Context_Takeover");
        assertEquals("X-Foo; a=1, permessage-deflate; server_no_context_takeover", answer(o));
        assertTrue(o.prepared().deflate().orElseThrow().serverNoContextTakeover());
    }

    @Test
    void aChosenExtensionSpelledDifferentlyFromTheOfferIsStillTheOffer() throws DeploymentException {
        // This configurator answers with its own installed spelling, not the client's.
        deploy("/c", List.of(ext("x-foo")), new ServerEndpointConfig.Configurator() {
            @Override
            public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
                return installed;
            }
        });
        HandshakeOutcome o = offer("/c", "X-FOO, x-foo; second=1, Permessage-Deflate");
        assertEquals("x-foo, permessage-deflate", answer(o), "one answer per extension, whatever the case");
        assertTrue(o.prepared().deflate().isPresent());
    }

    @Test
    void permessageDeflateKeepsRsv1AndAnotherClaimantIsRefused() throws DeploymentException {
        deploy("/r", List.of(ext("x-webkit-deflate-frame"), ext("permessage-bzip2"), ext("x-foo")), null);
        HandshakeOutcome o = offer("/r", "x-webkit-deflate-frame, permessage-bzip2, x-foo, permessage-deflate");
        assertEquals("x-foo, permessage-deflate", answer(o),
                "deflate owns RSV1 even when listed last; an extension without RSV1 stays");
        assertEquals(List.of("x-foo", "permessage-deflate"), names(o));
        assertTrue(o.prepared().deflate().isPresent());
    }

    @Test
    void withoutDeflateTheFirstRsv1ClaimantIsKeptAndLaterOnesRefused() throws DeploymentException {
        container.settings().permessageDeflate(false);
        deploy("/n", List.of(ext("perframe-deflate"), ext("x-webkit-deflate-frame")), null);
        HandshakeOutcome o = offer("/n", "x-webkit-deflate-frame, Perframe-Deflate, permessage-deflate");
        assertEquals("x-webkit-deflate-frame", answer(o));
        assertFalse(o.prepared().deflate().isPresent());
    }

    @Test
    void modifyHandshakeCannotAddASecondRsv1User() throws DeploymentException {
        deploy("/m", List.of(), new ServerEndpointConfig.Configurator() {
            @Override
            public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
                response.getHeaders().get("Sec-WebSocket-Extensions").add("x-webkit-deflate-frame");
            }
        });
        HandshakeOutcome o = container.handshake("/m", upgrade("ws://h/m")
                .header("Sec-WebSocket-Extensions", "permessage-deflate, x-webkit-deflate-frame"));
        assertEquals(500, o.status(), o.toString());
        assertTrue(o.failureReason().contains("RSV1"), o.failureReason());
    }

    @Test
    void theRsv1RuleKnowsTheCompressionExtensions() {
        assertTrue(ExtensionNegotiation.usesRsv1("permessage-deflate"));
        assertTrue(ExtensionNegotiation.usesRsv1("PerMessage-Bzip2"));
        assertTrue(ExtensionNegotiation.usesRsv1("deflate-frame"));
        assertTrue(ExtensionNegotiation.usesRsv1("X-WebKit-Deflate-Frame"));
        assertFalse(ExtensionNegotiation.usesRsv1("x-foo"));
        assertFalse(ExtensionNegotiation.usesRsv1("deflate-stream"));
    }
}
