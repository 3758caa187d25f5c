package dev.gannet.bench.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client WebSocket on a plain blocking socket, written from RFC 6455 alone so that the load
 * generator shares no code with any implementation under test. It does the opening handshake,
 * writes pre-built frames and reads whole messages into a reused buffer.
 */
final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final boolean serverNoContextTakeover;
    private final boolean deflate;
    private byte[] message = new byte[0]; // grown on the first message; idle sockets never need it
    private int messageLength;
    private boolean messageCompressed;
    private boolean messageText;

    private RawWebSocket(Socket socket, InputStream in, OutputStream out, boolean deflate, boolean serverNoContext) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.deflate = deflate;
        this.serverNoContextTakeover = serverNoContext;
    }

    /** Connects and completes the opening handshake; offers permessage-deflate when asked. */
    static RawWebSocket connect(String host, int port, String path, boolean offerDeflate) throws IOException {
        return connect(host, port, path, offerDeflate, 64 * 1024, 30_000);
    }

    /**
     * Connects with a read buffer of the given size and a read timeout; the idle scenario opens
     * thousands of sockets, so it asks for small buffers and gives up on a stalled server sooner.
     */
    static RawWebSocket connect(String host, int port, String path, boolean offerDeflate, int readBufferSize,
                                int readTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(readTimeoutMillis);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (offerDeflate) {
            request.append("Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new BufferedInputStream(socket.getInputStream(), readBufferSize);
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + lines[0]);
        }
        String accept = null;
        String extensions = "";
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("sec-websocket-accept")) {
                accept = value;
            } else if (name.equals("sec-websocket-extensions")) {
                extensions = extensions + value.toLowerCase(Locale.ROOT);
            }
        }
        if (!acceptFor(key).equals(accept)) {
            socket.close();
            throw new IOException("bad Sec-WebSocket-Accept: " + accept);
        }
        boolean deflate = extensions.contains("permessage-deflate");
        if (offerDeflate && !deflate) {
            socket.close();
            throw new IOException("unsupported: the server did not negotiate permessage-deflate");
        }
        return new RawWebSocket(socket, in, out, deflate, extensions.contains("server_no_context_takeover"));
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake: " + head);
            }
            head.append((char) b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : (b == '\r' ? 1 : 0);
            if (head.length() > 16 * 1024) {
                throw new IOException("handshake response too long");
            }
        }
        return head.toString();
    }

    static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                    .getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean deflateNegotiated() {
        return deflate;
    }

    boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /** Writes bytes that already form one or more complete, masked frames. */
    void writeFrames(byte[] frames, int length) throws IOException {
        out.write(frames, 0, length);
    }

    /**
     * Reads the next data message (reassembling fragments) into {@link #message()}. Control
     * frames other than close are skipped; a close frame ends with an exception naming its code.
     */
    void readMessage() throws IOException {
        messageLength = 0;
        boolean first = true;
        while (true) {
            int b0 = readByte();
            int b1 = readByte();
            int opcode = b0 & 0x0F;
            boolean fin = (b0 & 0x80) != 0;
            if ((b1 & 0x80) != 0) {
                throw new IOException("server sent a masked frame");
            }
            long len = b1 & 0x7F;
            if (len == 126) {
                len = (readByte() << 8) | readByte();
            } else if (len == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = (len << 8) | readByte();
                }
            }
            if (opcode >= 8) {
                byte[] control = new byte[(int) len];
                readFully(control, 0, control.length);
                if (opcode == 8) {
                    int code = control.length >= 2 ? ((control[0] & 0xFF) << 8) | (control[1] & 0xFF) : 1005;
                    throw new IOException("server closed the connection with code " + code);
                }
                continue;
            }
            if (first) {
                if (opcode == 0) {
                    throw new IOException("continuation frame with no message started");
                }
                messageText = opcode == 1;
                messageCompressed = (b0 & 0x40) != 0;
                first = false;
            } else if (opcode != 0) {
                throw new IOException("new data frame inside a fragmented message");
            }
            ensure(messageLength + len);
            readFully(message, messageLength, (int) len);
            messageLength += (int) len;
            if (fin) {
                return;
            }
        }
    }

    private void ensure(long needed) throws IOException {
        if (needed > 256L * 1024 * 1024) {
            throw new IOException("message over 256 MiB");
        }
        if (needed > message.length) {
            byte[] bigger = new byte[(int) Math.max(needed, message.length * 2L)];
            System.arraycopy(message, 0, bigger, 0, messageLength);
            message = bigger;
        }
    }

    byte[] message() {
        return message;
    }

    int messageLength() {
        return messageLength;
    }

    boolean messageCompressed() {
        return messageCompressed;
    }

    boolean messageText() {
        return messageText;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by the server");
        }
        return b;
    }

    private void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(dst, off, len);
            if (n < 0) {
                throw new EOFException("connection closed by the server");
            }
            off += n;
            len -= n;
        }
    }

    /** Sends a masked close frame with code 1000 and closes the socket. */
    @Override
    public void close() {
        try {
            byte[] close = {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8};
            out.write(close);
            out.flush();
        } catch (IOException ignored) {
            // The socket is closed below either way.
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }

    /** Closes the socket without a close frame (used by the idle scenario's teardown). */
    void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
