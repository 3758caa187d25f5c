package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 6455 §7.1.1: when the client closes the WebSocket connection it SHOULD wait for the server
 * to close TCP. Played by a raw server socket: after the client's close frame the server checks
 * that no end of stream follows while it holds the connection, then closes its side and expects
 * the client's end of stream promptly. The Autobahn fuzzing server (under Jython) lost every case
 * in which the client failed the connection because the client closed TCP right after its close
 * frame; see conformance/README.md.
 */
@Timeout(60)
class ServerClosesTcpFirstTest {

    /** Long enough that an end of stream soon after the server's FIN cannot be the timeout's. */
    private static final int CLOSE_TIMEOUT_MS = 10_000;
    private static final int HOLD_MS = 700;

    @Test
    void afterFailingTheConnectionTheClientLeavesTheTcpCloseToTheServer() throws Exception {
        // FIN + RSV1 + text "Hello": RSV1 without a negotiated extension fails the connection (1002).
        byte[] badFrame = {(byte) 0xC1, 5, 'H', 'e', 'l', 'l', 'o'};
        assertServerClosesFirst(badFrame, 1002, CloseReason.CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void afterAnsweringTheServersCloseTheClientLeavesTheTcpCloseToTheServer() throws Exception {
        byte[] close = {(byte) 0x88, 2, 0x03, (byte) 0xE8}; // close 1000
        assertServerClosesFirst(close, 1000, CloseReason.CloseCodes.NORMAL_CLOSURE);
    }

    @Test
    void aServerThatNeverClosesIsCutOffAfterTheCloseTimeout() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Recorder endpoint = new Recorder();
            ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().build();
            cec.getUserProperties().put(ClientProperties.CLOSE_TIMEOUT, 500);
            Thread connecting = connectInBackground(listener, endpoint, cec);
            try (Socket s = accept(listener)) {
                connecting.join(10_000);
                s.getOutputStream().write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8});
                assertEquals(1000, readCloseCode(s.getInputStream()));
                long echoed = System.nanoTime();
                s.setSoTimeout(10_000);
                assertEquals(-1, s.getInputStream().read(), "the client closes once the close timeout passed");
                long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - echoed);
                assertTrue(waitedMs >= 400, "the client waited for the server's close, only " + waitedMs + " ms");
            }
        }
    }

    private static void assertServerClosesFirst(byte[] serverFrame, int expectedWireCode, CloseReason.CloseCode expectedOnClose)
            throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Recorder endpoint = new Recorder();
            ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().build();
            cec.getUserProperties().put(ClientProperties.CLOSE_TIMEOUT, CLOSE_TIMEOUT_MS);
            Thread connecting = connectInBackground(listener, endpoint, cec);
            try (Socket s = accept(listener)) {
                connecting.join(10_000);
                s.getOutputStream().write(serverFrame);
                assertEquals(expectedWireCode, readCloseCode(s.getInputStream()));
                assertEquals(expectedOnClose, endpoint.closed.get(10, TimeUnit.SECONDS).getCloseCode());

                s.setSoTimeout(HOLD_MS);
                assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(),
                        "the client must not close TCP before the server does");

                s.shutdownOutput(); // the server's TCP close
                long fin = System.nanoTime();
                s.setSoTimeout(CLOSE_TIMEOUT_MS);
                assertEquals(-1, s.getInputStream().read(), "the client closes after the server's FIN");
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fin);
                assertTrue(ms < CLOSE_TIMEOUT_MS / 2, "the client closed " + ms + " ms after the server's FIN");
            }
        }
    }

    /** Connects on another thread: the handshake needs this thread to play the server. */
    private static Thread connectInBackground(ServerSocket listener, Recorder endpoint, ClientEndpointConfig cec) {
        Thread t = new Thread(() -> {
            try {
                new GannetClientContainer().connectToServer(endpoint, cec,
                        java.net.URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/"));
            } catch (Exception e) {
                endpoint.errors.add(e);
            }
        }, "connecting");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Accepts the client and completes its handshake. */
    private static Socket accept(ServerSocket listener) throws IOException {
        Socket s = listener.accept();
        s.setSoTimeout(10_000);
        String answer = ScriptedServer.switching(ScriptedServer.readHead(s.getInputStream()), "");
        OutputStream out = s.getOutputStream();
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return s;
    }

    /** Reads one masked close frame from the client and returns its code. */
    private static int readCloseCode(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int b0 = data.readUnsignedByte();
        int b1 = data.readUnsignedByte();
        assertEquals(0x88, b0, "a close frame");
        assertTrue((b1 & 0x80) != 0, "masked");
        int len = b1 & 0x7f;
        byte[] key = data.readNBytes(4);
        byte[] payload = data.readNBytes(len);
        for (int i = 0; i < len; i++) {
            payload[i] ^= key[i & 3];
        }
        assertTrue(len >= 2, "a close code");
        return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }
}
