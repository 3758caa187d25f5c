package dev.gannet.websocket.client;

import dev.gannet.websocket.protocol.HandshakeKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A TCP server on 127.0.0.1 that reads one HTTP request head per connection and answers with
 * whatever bytes the test's script returns (null: answer nothing), then holds the connection
 * until the client closes it. Used to play servers that break the handshake rules.
 */
final class ScriptedServer implements AutoCloseable {

    private final ServerSocket server;
    /** What the client sent after its request head, up to its FIN (last connection). */
    final java.util.concurrent.CompletableFuture<byte[]> afterHead = new java.util.concurrent.CompletableFuture<>();

    ScriptedServer(Function<Map<String, String>, byte[]> script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread h = new Thread(() -> handle(s, script, afterHead), "scripted-conn");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "scripted-server");
        t.setDaemon(true);
        t.start();
    }

    private static void handle(Socket s, Function<Map<String, String>, byte[]> script,
            java.util.concurrent.CompletableFuture<byte[]> afterHead) {
        try (s) {
            s.setSoTimeout(20_000);
            Map<String, String> head = readHead(s.getInputStream());
            byte[] answer = script.apply(head);
            if (answer != null) {
                s.getOutputStream().write(answer);
                s.getOutputStream().flush();
            }
            afterHead.complete(s.getInputStream().readAllBytes());
        } catch (IOException e) {
            // the client went away
        }
    }

    /** The request line under key "" and the headers with lower-case names. */
    static Map<String, String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            buf.write(b);
            byte[] a = buf.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                break;
            }
        }
        Map<String, String> head = new TreeMap<>();
        String[] lines = buf.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        head.put("", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0) {
                head.merge(lines[i].substring(0, c).toLowerCase(Locale.ROOT), lines[i].substring(c + 1).strip(),
                        (x, y) -> x + ", " + y);
            }
        }
        return head;
    }

    /** A correct 101 for {@code request} plus {@code extraHeaders} (each ending in CRLF). */
    static String switching(Map<String, String> request, String extraHeaders) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + HandshakeKeys.accept(request.get("sec-websocket-key")) + "\r\n"
                + extraHeaders + "\r\n";
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
