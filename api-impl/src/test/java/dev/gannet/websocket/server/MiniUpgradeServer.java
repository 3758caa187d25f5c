package dev.gannet.websocket.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Test helper: the smallest HTTP/1.1 front end for a {@link GannetServerContainer} — it reads
 * one request head per connection, asks the container for the handshake, writes the outcome and,
 * when accepted, hands the socket to the session through a {@link SocketTransport}. Port 0.
 */
final class MiniUpgradeServer implements AutoCloseable {

    private final GannetServerContainer container;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    MiniUpgradeServer(GannetServerContainer container) throws IOException {
        this.container = container;
        this.server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.acceptor = new Thread(this::acceptLoop, "test-mini-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.socket().getLocalPort() + pathAndQuery);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                Thread t = new Thread(() -> serve(c), "test-mini-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel c) {
        try {
            ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            int headEnd;
            while ((headEnd = headEnd(in)) < 0) {
                if (c.read(in) < 0) {
                    c.close();
                    return;
                }
            }
            String head = new String(in.array(), 0, headEnd, StandardCharsets.ISO_8859_1);
            ByteBuffer leftover = ByteBuffer.wrap(in.array(), headEnd + 4, in.position() - headEnd - 4).slice();
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            String target = requestLine[1];
            SimpleUpgradeRequest request = new SimpleUpgradeRequest(requestLine[0], uri(target))
                    .addresses((InetSocketAddress) c.getRemoteAddress(), (InetSocketAddress) c.getLocalAddress());
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                request.header(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
            int q = target.indexOf('?');
            HandshakeOutcome outcome = container.handshake(q < 0 ? target : target.substring(0, q), request);
            writeHead(c, outcome);
            if (outcome.isAccepted()) {
                outcome.openSession(new SocketTransport(c, leftover));
            } else {
                c.close();
            }
        } catch (IOException | RuntimeException e) {
            try {
                c.close();
            } catch (IOException ignored) {
                // done with it
            }
        }
    }

    private static int headEnd(ByteBuffer in) {
        byte[] a = in.array();
        for (int i = 0; i + 3 < in.position(); i++) {
            if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void writeHead(SocketChannel c, HandshakeOutcome outcome) throws IOException {
        StringBuilder b = new StringBuilder("HTTP/1.1 ").append(outcome.status())
                .append(outcome.isAccepted() ? " Switching Protocols" : " Refused").append("\r\n");
        for (Map.Entry<String, List<String>> h : outcome.headers().entrySet()) {
            for (String v : h.getValue()) {
                b.append(h.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        if (!outcome.isAccepted()) {
            b.append("Content-Length: 0\r\nConnection: close\r\n");
        }
        b.append("\r\n");
        ByteBuffer out = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        while (out.hasRemaining()) {
            c.write(out);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
