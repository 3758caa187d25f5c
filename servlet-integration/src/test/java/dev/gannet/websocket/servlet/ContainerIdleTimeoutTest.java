package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The servlet container's own idle timeout of an upgraded connection. Jetty's connector idle
 * timeout fails the pending read of an idle WebSocket with a {@code TimeoutException} while the
 * output still works: Gannet must end the session as its own idle timeout does (a close frame
 * 1001 to the client, {@code onClose} once with 1006 and an "Idle timeout" reason, as the
 * specification wants for a close the container starts, and no {@code onError}) instead of
 * reporting an error and dropping the connection. Tomcat does not apply its connection timeout
 * to upgraded connections at all.
 */
class ContainerIdleTimeoutTest {

    private static final long CONTAINER_IDLE_MS = 1_000;
    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    /** Records what the application hears; no session idle timeout of its own. */
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
            EVENTS.add("close " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    @Test
    void jettysConnectorIdleTimeoutClosesWithGoingAway() throws Exception {
        EVENTS.clear();
        EmbeddedContainer c = JettyContainer.start(
                EmbeddedContainer.WebApp.gannetWith("/ctimeout", WatchedEndpoint.class), CONTAINER_IDLE_MS);
        try {
            try (Socket socket = RawHandshake.open(c, "/watched")) {
                assertEcho(socket, "hi");
                long idleSince = System.nanoTime();
                InputStream in = socket.getInputStream();
                int first = in.read();
                long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - idleSince);
                assertEquals(0x88, first, "a close frame (-1: closed without one), after " + waitedMs + " ms");
                byte[] reason = "Idle timeout".getBytes(StandardCharsets.UTF_8);
                assertEquals(2 + reason.length, in.read(), "close payload length");
                assertEquals(1001, (in.read() << 8) | in.read(), "close code");
                assertArrayEquals(reason, in.readNBytes(reason.length), "close reason");
                assertTrue(waitedMs >= CONTAINER_IDLE_MS - 100, "closed after " + waitedMs + " ms, before the timeout");
                // Gannet cannot read our answer any more, so it closes TCP without waiting for it.
                assertEquals(-1, in.read(), "the server closes TCP after its close frame");
            }
            String event = EVENTS.poll(5, TimeUnit.SECONDS);
            assertNotNull(event, "no onClose within 5 s");
            assertTrue(event.startsWith("close 1006 Idle timeout"), event);
            assertNull(EVENTS.poll(500, TimeUnit.MILLISECONDS), "nothing after onClose (no onError, one onClose)");
        } finally {
            c.close();
        }
    }

    @Test
    void tomcatsConnectionTimeoutDoesNotApplyToUpgradedConnections() throws Exception {
        EVENTS.clear();
        EmbeddedContainer c = TomcatContainer.start(
                EmbeddedContainer.WebApp.gannetWith("/ctimeout", WatchedEndpoint.class), CONTAINER_IDLE_MS);
        try (Socket socket = RawHandshake.open(c, "/watched")) {
            assertEcho(socket, "hi");
            socket.setSoTimeout((int) (2 * CONTAINER_IDLE_MS + 500));
            try {
                int b = socket.getInputStream().read();
                fail(b < 0 ? "closed without a close frame" : "unexpected frame, first byte 0x" + Integer.toHexString(b));
            } catch (SocketTimeoutException expected) {
                // nothing came and the connection is still open
            }
            assertEcho(socket, "still here");
            assertNull(EVENTS.poll(), "the session is still open");
        } finally {
            c.close();
        }
    }

    /** Sends a text frame and expects the echo endpoint's unmasked text frame back. */
    private static void assertEcho(Socket socket, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        out.write(RawHandshake.frameHeader(0x1, true, payload.length));
        out.write(payload);
        out.flush();
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        assertEquals(0x81, in.read(), "first byte of the echo of \"" + text + "\" (-1: closed)");
        assertEquals(payload.length, in.read(), "length of the echo of \"" + text + "\"");
        assertArrayEquals(payload, in.readNBytes(payload.length));
    }
}
