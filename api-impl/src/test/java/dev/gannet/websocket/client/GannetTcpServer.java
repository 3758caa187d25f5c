package dev.gannet.websocket.client;

import dev.gannet.websocket.server.GannetServerContainer;
import dev.gannet.websocket.server.HandshakeOutcome;
import dev.gannet.websocket.server.SimpleUpgradeRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Gannet's server container on plain TCP, for client tests: a thread accepts, reads the
 * request head (blocking, byte by byte, so nothing past it is consumed), asks the container
 * for the handshake, writes its answer and hands the socket, wrapped in the client's
 * {@link NioTransport}, to the server session. No servlet container involved.
 */
final class GannetTcpServer implements AutoCloseable {

    final GannetServerContainer container;
    private final ServerSocketChannel server;

    GannetTcpServer(GannetServerContainer container) throws IOException {
        this.container = container;
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::acceptLoop, "gannet-tcp-server");
        t.setDaemon(true);
        t.start();
    }

    URI uri(String path) throws IOException {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort() + path);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                Thread h = new Thread(() -> upgrade(ch), "gannet-tcp-upgrade");
                h.setDaemon(true);
                h.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void upgrade(SocketChannel ch) {
        try {
            ch.socket().setSoTimeout(20_000);
            String[] lines = readHead(ch).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            URI uri = URI.create("ws://127.0.0.1" + requestLine[1]);
            SimpleUpgradeRequest request = new SimpleUpgradeRequest(requestLine[0], uri)
                    .addresses((InetSocketAddress) ch.getRemoteAddress(), (InetSocketAddress) ch.getLocalAddress());
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                request.header(lines[i].substring(0, c).trim(), lines[i].substring(c + 1).trim());
            }
            HandshakeOutcome outcome = container.handshake(uri.getRawPath(), request);
            StringBuilder response = new StringBuilder("HTTP/1.1 ").append(outcome.status())
                    .append(outcome.isAccepted() ? " Switching Protocols" : " Refused").append("\r\n");
            for (Map.Entry<String, List<String>> h : outcome.headers().entrySet()) {
                for (String v : h.getValue()) {
                    response.append(h.getKey()).append(": ").append(v).append("\r\n");
                }
            }
            if (!outcome.isAccepted()) {
                response.append("Content-Length: 0\r\n");
            }
            ByteBuffer out = ByteBuffer.wrap(response.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            while (out.hasRemaining()) {
                ch.write(out);
            }
            if (!outcome.isAccepted()) {
                ch.close();
                return;
            }
            outcome.openSession(NioTransport.adopt(ClientRuntime.shared(), ch, 16384));
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    private static String readHead(SocketChannel ch) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (ch.read(one) < 0) {
                throw new IOException("EOF in request head");
            }
            head.write(one.get(0));
            byte[] a = head.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                return new String(a, 0, n - 4, StandardCharsets.ISO_8859_1);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        container.shutdown();
    }
}
