package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.session.WebSocketExtension;
import dev.gannet.websocket.server.GannetServerContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Gannet's client against Gannet's server engine over real TCP (no servlet container). */
@Timeout(60)
class GannetServerRoundTripTest {

    @ServerEndpoint(value = "/echo/{name}", subprotocols = {"v1.gannet"})
    public static class Echo {
        @OnMessage(maxMessageSize = 8 << 20)
        public String text(String m, @PathParam("name") String name) {
            return m.equals("close-me") ? null : name + ":" + m;
        }

        @OnMessage(maxMessageSize = 8 << 20)
        public ByteBuffer binary(ByteBuffer b) {
            return b;
        }

        @OnMessage
        public void closer(jakarta.websocket.PongMessage pong, Session s) throws IOException {
            s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4100), "pong seen"));
        }
    }

    private static GannetTcpServer server;

    @BeforeAll
    static void start() throws Exception {
        GannetServerContainer container = new GannetServerContainer();
        container.addEndpoint(Echo.class);
        container.deploymentComplete();
        server = new GannetTcpServer(container);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void echoesWithDeflateAndSubprotocol() throws Exception {
        ClientEndpointConfig cec = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("v0", "v1.gannet"))
                .extensions(List.of(WebSocketExtension.named("permessage-deflate"))).build();
        GannetClientContainer c = new GannetClientContainer();
        c.setDefaultMaxTextMessageBufferSize(8 << 20);
        c.setDefaultMaxBinaryMessageBufferSize(8 << 20);
        Recorder r = new Recorder();
        Session s = c.connectToServer(r, cec, server.uri("/echo/caf%C3%A9"));
        assertEquals("v1.gannet", s.getNegotiatedSubprotocol());
        assertEquals("permessage-deflate", s.getNegotiatedExtensions().get(0).getName());
        s.getBasicRemote().sendText("hi");
        assertEquals("caf\u00e9:hi", r.next());
        String big = "gannet ".repeat(600_000);
        s.getBasicRemote().sendText(big);
        assertEquals("caf\u00e9:" + big, r.next());
        byte[] noise = new byte[3 << 20];
        new Random(7).nextBytes(noise);
        s.getAsyncRemote().sendBinary(ByteBuffer.wrap(noise));
        assertEquals(ByteBuffer.wrap(noise), r.next());
        s.getBasicRemote().sendPong(ByteBuffer.allocate(0)); // the server closes on a pong
        CloseReason cr = r.awaitClose();
        assertEquals(4100, cr.getCloseCode().getCode());
        assertEquals("pong seen", cr.getReasonPhrase());
    }

    @Test
    void aRefusalNamesTheStatus() throws Exception {
        DeploymentException e = assertThrows(DeploymentException.class, () -> new GannetClientContainer()
                .connectToServer(new Recorder(), ClientEndpointConfig.Builder.create().build(),
                        server.uri("/nowhere")));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }
}
