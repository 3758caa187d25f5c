package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A deployment error fails the web application's start; a valid set deploys. */
class DeploymentFailureTest {

    /** Two whole-text @OnMessage methods: a deployment error (spec §4.7). */
    @ServerEndpoint("/broken")
    public static class Broken {
        @OnMessage
        public void one(String message) {
        }

        @OnMessage
        public void two(String message) {
        }
    }

    /** Valid. */
    @ServerEndpoint("/fine")
    public static class Fine {
        @OnMessage
        public String echo(String message) {
            return message;
        }
    }

    static java.util.List<EmbeddedContainer.Kind> kinds() {
        return EmbeddedContainer.KINDS;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aBrokenEndpointFailsTheStart(EmbeddedContainer.Kind kind) {
        assertThrows(Exception.class,
                () -> kind.start(EmbeddedContainer.WebApp.gannetWith("/broken", Fine.class, Broken.class)).close());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theSameSetWithoutItDeploys(EmbeddedContainer.Kind kind) throws Exception {
        EmbeddedContainer c = kind.start(EmbeddedContainer.WebApp.gannetWith("/fine", Fine.class));
        try {
            WsClient client = WsClient.connect(c.ws("/fine"));
            client.socket.sendText("ok", true).get(5, TimeUnit.SECONDS);
            assertEquals("ok", client.nextText());
        } finally {
            c.close();
        }
    }
}
