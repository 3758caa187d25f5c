package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * Pins down the Jetty 12.1 upgrade bug (docs/servlet-containers.md): with Jetty's own connection
 * factory, a WebSocket whose client waits for the 101 before sending (as every browser does) is
 * ended before its first frame is read; with {@code UpgradeFriendlyHttpConnectionFactory} the
 * same exchange works. If the stock case starts passing, Jetty fixed the bug: update the doc and
 * the factory's javadoc with the fixed version.
 */
class JettyUpgradeBugTest {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    @Test
    void stockJettyEndsTheUpgradedConnectionBeforeTheFirstFrame() throws Exception {
        EmbeddedContainer c = JettyContainer.startStock(EmbeddedContainer.WebApp.discovered("/bug", Map.of()));
        try (Socket socket = RawHandshake.open(c, "/echo")) {
            int first = sendHelloAfterThe101(socket);
            // Gannet sees the input end at once and closes; no echo can ever come back.
            assertNotEquals(0x81, first, "Jetty " + Server.getVersion() + " echoed: the upgrade bug is fixed");
        } finally {
            c.close();
        }
    }

    @Test
    void upgradeFriendlyFactoryDeliversTheFirstFrame() throws Exception {
        EmbeddedContainer c = JettyContainer.start(EmbeddedContainer.WebApp.discovered("/bug", Map.of()));
        try (Socket socket = RawHandshake.open(c, "/echo")) {
            assertEquals(0x81, sendHelloAfterThe101(socket), "first byte of the echo frame");
            InputStream in = socket.getInputStream();
            assertEquals(HELLO.length, in.read());
            assertArrayEquals(HELLO, in.readNBytes(HELLO.length));
        } finally {
            c.close();
        }
    }

    /** Waits as a client does after the 101, sends a text frame, returns the first byte back (-1: closed). */
    private static int sendHelloAfterThe101(Socket socket) throws IOException, InterruptedException {
        Thread.sleep(200); // the bug needs the request to arrive alone, without frame bytes after it
        OutputStream out = socket.getOutputStream();
        out.write(RawHandshake.frameHeader(0x1, true, HELLO.length));
        out.write(HELLO);
        out.flush();
        socket.setSoTimeout(5000);
        try {
            return socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (IOException reset) {
            assertTrue(reset.getMessage() != null, reset.toString());
            return -1;
        }
    }
}
