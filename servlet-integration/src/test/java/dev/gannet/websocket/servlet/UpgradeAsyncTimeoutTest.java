package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jetty 12.1 (ee11) implements {@code HttpServletRequest.upgrade} with an internal
 * {@code startAsync} and leaves the servlet async timeout at its default (30 s): when it fires,
 * Jetty completes the request and destroys the upgrade handler, which ended every WebSocket 30 s
 * after its handshake with a bare TCP close, idle or busy (docs/servlet-containers.md). A load
 * made this look random only because clients slowed by it took longer than 30 s to check.
 * Both connections here must still work once that timeout has passed. The wait is Jetty's real
 * default, read from Jetty, so the test takes about 32 s unless the JVM lowers it with
 * {@code -Dorg.eclipse.jetty.ee11.servlet.ServletChannelState.DEFAULT_TIMEOUT=ms}.
 */
class UpgradeAsyncTimeoutTest {

    @Test
    void idleAndBusyConnectionsOutliveTheServletAsyncTimeout() throws Exception {
        // The connector's idle timeout (also 30 s by default) is moved out of the way: it is a
        // different limit, and an idle connection may rightly end when it expires.
        EmbeddedContainer c = JettyContainer.start(EmbeddedContainer.WebApp.discovered("/lifetime", Map.of()),
                10 * 60_000L);
        try (Socket idle = RawHandshake.open(c, "/echo"); Socket busy = RawHandshake.open(c, "/echo")) {
            long deadline = System.nanoTime() + (jettyAsyncTimeoutMillis() + 2_000L) * 1_000_000L;
            int round = 0;
            while (System.nanoTime() < deadline) {
                assertEcho(busy, "tick " + round++);
                Thread.sleep(1_000);
            }
            idle.setSoTimeout(300);
            try {
                int b = idle.getInputStream().read();
                fail(b < 0 ? "the idle connection was closed without a close frame"
                        : "the idle connection received an unexpected frame, first byte 0x" + Integer.toHexString(b));
            } catch (SocketTimeoutException expected) {
                // nothing arrived and the connection is still open
            }
            assertEcho(idle, "still here");
            assertEcho(busy, "still here");
        } finally {
            c.close();
        }
    }

    /** Sends a text frame and expects the echo endpoint's unmasked text frame back. */
    private static void assertEcho(Socket socket, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        try {
            out.write(RawHandshake.frameHeader(0x1, true, payload.length));
            out.write(payload);
            out.flush();
        } catch (IOException e) {
            throw new AssertionError("the server closed the connection before \"" + text + "\" could be sent", e);
        }
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        assertEquals(0x81, in.read(), "first byte of the echo of \"" + text + "\" (-1: closed)");
        assertEquals(payload.length, in.read(), "length of the echo of \"" + text + "\"");
        assertArrayEquals(payload, in.readNBytes(payload.length));
    }

    /** The async timeout Jetty gives a request that never sets one (30 s unless the JVM overrides it). */
    private static long jettyAsyncTimeoutMillis() {
        try {
            Field f = Class.forName("org.eclipse.jetty.ee11.servlet.ServletChannelState").getDeclaredField("DEFAULT_TIMEOUT");
            f.setAccessible(true);
            return f.getLong(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 30_000L;
        }
    }
}
