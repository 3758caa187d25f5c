package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer that drops TCP without a close frame is an ordinary end of stream: the endpoint sees
 * {@code onClose(1006)} and no {@code onError}, whichever of the container's signals (end of
 * input, or destroying the upgraded connection) reaches Gannet first.
 */
class PeerDropTest {

    private static final List<EmbeddedContainer> CONTAINERS = new ArrayList<>();
    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    /** Records what the application hears. */
    @ServerEndpoint("/watched")
    public static final class WatchedEndpoint {
        @OnMessage
        public String echo(String message) {
            return message;
        }

        @OnError
        public void error(Throwable t) {
            EVENTS.add("error " + t);
        }

        @OnClose
        public void close(CloseReason reason) {
            EVENTS.add("close " + reason.getCloseCode().getCode());
        }
    }

    @BeforeAll
    static void deploy() throws Exception {
        CONTAINERS.addAll(EmbeddedContainer.startAll(EmbeddedContainer.WebApp.gannetWith("/drop", WatchedEndpoint.class)));
    }

    @AfterAll
    static void undeploy() throws Exception {
        EmbeddedContainer.closeAll(CONTAINERS);
    }

    static List<EmbeddedContainer> containers() {
        return CONTAINERS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void aDroppedPeerEndsTheSessionWithoutAnError(EmbeddedContainer c) throws Exception {
        for (int i = 0; i < 5; i++) {
            EVENTS.clear();
            try (Socket socket = RawHandshake.open(c, "/watched")) {
                OutputStream out = socket.getOutputStream();
                byte[] text = "hi".getBytes(StandardCharsets.US_ASCII);
                out.write(RawHandshake.frameHeader(0x1, true, text.length));
                out.write(text);
                out.flush();
                byte[] echoed = socket.getInputStream().readNBytes(4);
                assertEquals('h', echoed[2]);
            } // FIN, no close frame
            String first = EVENTS.poll(5, TimeUnit.SECONDS);
            assertNotNull(first, c + ": no onClose within 5 s");
            assertEquals("close 1006", first, c + ": round " + i);
            assertEquals(null, EVENTS.poll(300, TimeUnit.MILLISECONDS), c + ": nothing after onClose");
        }
    }
}
