package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6455 §7.1.1: once the close frames are exchanged the server closes TCP first. A raw socket
 * client completes each kind of closing handshake and then expects end of stream within two
 * seconds (the Autobahn fuzzer gives up after one). Repeated, because whether the container closes
 * at once has depended on which thread happened to close.
 */
class TcpCloseTest {

    private static final int ROUNDS = 15;
    private static final int EOF_WAIT_MS = 2_000;
    private static final List<EmbeddedContainer> CONTAINERS = new ArrayList<>();

    /** Echoes text with a blocking send; "close:NNNN" makes the server close with that code. */
    @ServerEndpoint("/echo")
    public static final class CloseEchoEndpoint {
        @OnMessage
        public void text(String message, Session session) throws IOException {
            if (message.startsWith("close:")) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(
                        Integer.parseInt(message.substring(6))), "asked to"));
                return;
            }
            session.getBasicRemote().sendText(message);
        }
    }

    @BeforeAll
    static void deploy() throws Exception {
        CONTAINERS.addAll(EmbeddedContainer.startAll(EmbeddedContainer.WebApp.gannetWith("/tcp", CloseEchoEndpoint.class)));
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
    void closesTcpAfterThePeersClose(EmbeddedContainer c) throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            try (Socket socket = RawHandshake.open(c, "/echo")) {
                echo(socket, "round " + i);
                send(socket, 0x8, new byte[] {0x03, (byte) 0xE8});
                assertEquals(1000, readClose(socket), "close code echoed");
                assertEndOfStream(socket, c, "client-initiated close, round " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void closesTcpAfterAnsweringItsOwnClose(EmbeddedContainer c) throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            try (Socket socket = RawHandshake.open(c, "/echo")) {
                echo(socket, "round " + i);
                send(socket, 0x1, "close:4001".getBytes(StandardCharsets.US_ASCII));
                assertEquals(4001, readClose(socket), "the server's close code");
                send(socket, 0x8, new byte[] {0x0F, (byte) 0xA1});
                assertEndOfStream(socket, c, "server-initiated close, round " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void closesTcpAfterFailingTheConnection(EmbeddedContainer c) throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            try (Socket socket = RawHandshake.open(c, "/echo")) {
                echo(socket, "round " + i);
                send(socket, 0x3, new byte[0]); // reserved opcode
                assertEquals(1002, readClose(socket), "protocol error");
                sendQuietly(socket, 0x8, new byte[] {0x03, (byte) 0xEA}); // the server may be gone already
                assertEndOfStream(socket, c, "failed connection, round " + i);
            }
        }
    }

    private static void echo(Socket socket, String text) throws IOException {
        send(socket, 0x1, text.getBytes(StandardCharsets.UTF_8));
        Frame f = readFrame(socket.getInputStream());
        assertEquals(0x1, f.opcode);
        assertEquals(text, new String(f.payload, StandardCharsets.UTF_8));
    }

    private static void send(Socket socket, int opcode, byte[] payload) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(RawHandshake.frameHeader(opcode, true, payload.length));
        out.write(payload); // the mask key is all zeros
        out.flush();
    }

    private static void sendQuietly(Socket socket, int opcode, byte[] payload) {
        try {
            send(socket, opcode, payload);
        } catch (IOException closedAlready) {
            // A server failing the connection may close TCP right after its close frame.
        }
    }

    private static int readClose(Socket socket) throws IOException {
        Frame f = readFrame(socket.getInputStream());
        assertEquals(0x8, f.opcode, "a close frame");
        assertTrue(f.payload.length >= 2);
        return ((f.payload[0] & 0xFF) << 8) | (f.payload[1] & 0xFF);
    }

    private static void assertEndOfStream(Socket socket, EmbeddedContainer c, String what) throws IOException {
        socket.setSoTimeout(EOF_WAIT_MS);
        long start = System.nanoTime();
        try {
            int b = socket.getInputStream().read();
            assertEquals(-1, b, what + ": no byte may follow the close frame");
        } catch (SocketTimeoutException e) {
            fail(c + " left TCP open " + EOF_WAIT_MS + " ms after the closing handshake (" + what + ")");
        } catch (IOException reset) {
            // A reset also ends the connection; what matters is that the server let go.
        }
        assertTrue(System.nanoTime() - start < EOF_WAIT_MS * 1_000_000L);
    }

    private record Frame(int opcode, byte[] payload) {
    }

    private static Frame readFrame(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        assertEquals(0, b1 & 0x80, "server frames are not masked");
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        byte[] chunk = new byte[(int) Math.min(len, 8192)];
        for (long left = len; left > 0; ) {
            int n = in.read(chunk, 0, (int) Math.min(left, chunk.length));
            if (n < 0) {
                throw new IOException("end of stream inside a frame");
            }
            payload.write(chunk, 0, n);
            left -= n;
        }
        return new Frame(b0 & 0x0F, payload.toByteArray());
    }
}
