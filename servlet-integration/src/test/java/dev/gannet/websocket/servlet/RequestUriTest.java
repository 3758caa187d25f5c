package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request targets with characters {@code java.net.URI} rejects reach the endpoint percent-encoded
 * (existing escapes kept), on both containers; a target that stays invalid is the client's fault
 * (400).
 */
class RequestUriTest {

    private static final List<EmbeddedContainer> CONTAINERS = new ArrayList<>();

    /** Answers with the session's request URI. */
    @ServerEndpoint("/u/{p}")
    public static final class UriEndpoint {
        @OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText(session.getRequestURI().toString());
        }
    }

    @BeforeAll
    static void deploy() throws Exception {
        CONTAINERS.addAll(EmbeddedContainer.startAll(EmbeddedContainer.WebApp.gannetWith("/uri", UriEndpoint.class)));
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
    void encodesWhatUriRejectsAndKeepsEscapes(EmbeddedContainer c) throws Exception {
        String base = "ws://127.0.0.1:" + c.port() + "/uri/u/";
        assertEquals(base + "x?q=%7B1%7D%7C%5E%60%22%3C%3E%5C&r=x%20y",
                uriSeenFor(c, "/u/x?q={1}|^`\"<>\\&r=x%20y"));
        if (c.name().equals("tomcat")) {
            // Jetty refuses these in the path itself (400), and Tomcat any non-ASCII byte.
            assertEquals(base + "a%7Cb%7Bc%7D%5E%60", uriSeenFor(c, "/u/a|b{c}^`"));
        } else {
            assertEquals(base + "x?w=%C3%A9%E2%82%AC", uriSeenFor(c, "/u/x?w=é€"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void refusesAMalformedEscape(EmbeddedContainer c) throws Exception {
        String head = RawHandshake.send(c, "/u/x?q=%zz",
                RawHandshake.headers(RawHandshake.GOOD_KEY, "13", ""));
        assertEquals(400, RawHandshake.status(head), head);
    }

    private static String uriSeenFor(EmbeddedContainer c, String target) throws IOException {
        try (Socket socket = RawHandshake.open(c, target, "")) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int b0 = in.readUnsignedByte();
            int len = in.readUnsignedByte();
            assertEquals(0x81, b0, "one text frame");
            if (len == 126) {
                len = in.readUnsignedShort();
            }
            return new String(in.readNBytes(len), StandardCharsets.UTF_8);
        }
    }
}
