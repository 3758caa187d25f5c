package dev.gannet.websocket.endpoint;

import static dev.gannet.websocket.endpoint.Wire.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.session.SessionConfig;
import dev.gannet.websocket.session.WsSession;
import dev.gannet.websocket.transport.InMemoryTransport;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An annotated client talking to an annotated server, each side a real WsSession. */
class ClientServerTest {

    @ClientEndpoint(subprotocols = "echo")
    public static class Greeter {
        final BlockingQueue<String> events = Wire.queue();

        @OnOpen
        public void open(Session session, ClientEndpointConfig config) throws IOException {
            events.add("open:" + config.getPreferredSubprotocols());
            session.getBasicRemote().sendText("hello");
        }

        @OnMessage
        public void text(String message, Session session) throws IOException {
            events.add(message);
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        }

        @OnClose
        public void close(CloseReason reason) {
            events.add("close:" + reason.getReasonPhrase());
        }
    }

    @Test
    void annotatedClientAndServerExchangeMessages() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        AnnotatedEndpointMessagesTest.Echo echo = new AnnotatedEndpointMessagesTest.Echo();
        WsSession server = new WsSession(SessionConfig.builder()
                .role(Role.SERVER)
                .transport(pair.server())
                .endpoint(new AnnotatedEndpoint(AnnotatedEndpointModel.of(echo.getClass(), true), echo))
                .endpointConfig(ServerEndpointConfig.Builder.create(echo.getClass(), "/echo")
                        .configurator(new ServerEndpointConfig.Configurator()).build())
                .build());
        Greeter greeter = new Greeter();
        WsSession client = new WsSession(SessionConfig.builder()
                .role(Role.CLIENT)
                .transport(pair.client())
                .endpoint(new AnnotatedEndpoint(AnnotatedEndpointModel.of(Greeter.class, false), greeter))
                .endpointConfig(AnnotatedConfigs.clientConfig(Greeter.class))
                .build());
        try {
            server.start();
            client.start();
            assertEquals("open:[echo]", next(greeter.events));
            assertEquals("echo:hello:true", next(greeter.events));
            // The reason is the client's own ("done") unless InMemoryTransport fails the client's
            // close-frame write because the server closed first (a race of the test transport,
            // reported to the session stream); either way @OnClose runs exactly once.
            String close = next(greeter.events);
            assertTrue(close.startsWith("close:"), close);
            assertNull(greeter.events.poll(200, TimeUnit.MILLISECONDS));
        } finally {
            pair.client().abort();
            pair.server().abort();
        }
    }
}
