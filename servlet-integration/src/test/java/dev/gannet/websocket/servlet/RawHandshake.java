package dev.gannet.websocket.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends a hand-written opening handshake (any header may be wrong) and reads the response head. */
final class RawHandshake {

    static final String GOOD_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private RawHandshake() {
    }

    /** The response head (status line and headers) to {@code GET path} with {@code headers} (CRLF-separated lines). */
    static String send(EmbeddedContainer container, String path, String headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", container.port()), 5000);
            socket.setSoTimeout(10_000);
            String request = "GET " + container.contextPath() + path + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + container.port() + "\r\n" + headers + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return readHead(socket.getInputStream());
        }
    }

    /** A socket on which the handshake to {@code path} succeeded (101 read). */
    static Socket open(EmbeddedContainer container, String path) throws IOException {
        return open(container, path, "");
    }

    /** Same, with extra request header lines (each ending in CRLF). */
    static Socket open(EmbeddedContainer container, String path, String extraHeaders) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", container.port()), 5000);
        socket.setSoTimeout(10_000);
        String request = "GET " + container.contextPath() + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + container.port() + "\r\n" + headers(GOOD_KEY, "13", extraHeaders) + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        String head = readHead(socket.getInputStream());
        if (status(head) != 101) {
            socket.close();
            throw new IOException("Handshake refused: " + head);
        }
        return socket;
    }

    /** A client frame header, masked with the all-zero key (so the payload goes as is). */
    static byte[] frameHeader(int opcode, boolean fin, int payloadLength) {
        int first = (fin ? 0x80 : 0) | opcode;
        if (payloadLength < 126) {
            return new byte[] {(byte) first, (byte) (0x80 | payloadLength), 0, 0, 0, 0};
        }
        return new byte[] {(byte) first, (byte) (0x80 | 126), (byte) (payloadLength >> 8), (byte) payloadLength, 0, 0, 0, 0};
    }

    static String headers(String key, String version, String extra) {
        return "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n")
                + (version == null ? "" : "Sec-WebSocket-Version: " + version + "\r\n")
                + extra;
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    static int status(String head) {
        return Integer.parseInt(head.substring(9, 12));
    }
}
