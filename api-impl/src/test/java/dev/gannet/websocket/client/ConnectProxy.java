package dev.gannet.websocket.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP CONNECT proxy on 127.0.0.1 for the tests: answers CONNECT with 200 and relays
 * bytes both ways, optionally demanding Basic or Digest (SHA-256, qop=auth) credentials with a
 * 407 first (closing the connection after it, as many proxies do). Records each CONNECT target.
 */
final class ConnectProxy implements AutoCloseable {

    enum Auth { NONE, BASIC, DIGEST_SHA256, REFUSE }

    static final String USER = "proxy-user";
    static final String PASSWORD = "proxy p\u00e4ss";
    private static final String NONCE = "proxy-nonce-1234";

    private final ServerSocket server;
    private final Auth auth;
    final List<String> tunnels = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();

    ConnectProxy(Auth auth) throws IOException {
        this.auth = auth;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread h = new Thread(() -> handle(s), "proxy-conn");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "proxy");
        t.setDaemon(true);
        t.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int port() {
        return server.getLocalPort();
    }

    private void handle(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            Map<String, String> head = ScriptedServer.readHead(client.getInputStream());
            String[] line = head.get("").split(" ");
            OutputStream out = client.getOutputStream();
            if (!line[0].equals("CONNECT")) {
                out.write(ascii("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"));
                return;
            }
            if (auth == Auth.REFUSE) {
                out.write(ascii("HTTP/1.1 403 Forbidden\r\nServer: test-proxy\r\nContent-Length: 0\r\n\r\n"));
                return;
            }
            if (!authorized(head.get("proxy-authorization"), line[1])) {
                refused.add(line[1]);
                String challenge = auth == Auth.BASIC ? "Basic realm=\"proxy\""
                        : "Digest realm=\"proxy\", qop=\"auth\", algorithm=SHA-256, nonce=\"" + NONCE + "\"";
                out.write(ascii("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: " + challenge
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                return;
            }
            int colon = line[1].lastIndexOf(':');
            try (Socket upstream = new Socket(java.net.Proxy.NO_PROXY)) {
                upstream.connect(new java.net.InetSocketAddress(line[1].substring(0, colon),
                        Integer.parseInt(line[1].substring(colon + 1))), 10_000);
                tunnels.add(line[1]);
                out.write(ascii("HTTP/1.1 200 Connection Established\r\n\r\n"));
                out.flush();
                Thread up = new Thread(() -> pump(client, upstream), "proxy-up");
                up.setDaemon(true);
                up.start();
                pump(upstream, client);
                up.join(5_000);
            }
        } catch (IOException | InterruptedException e) {
            // connection over
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side went away
        }
    }

    private boolean authorized(String header, String target) {
        if (auth == Auth.NONE) {
            return true;
        }
        if (header == null) {
            return false;
        }
        if (auth == Auth.BASIC) {
            return header.equals("Basic " + Base64.getEncoder().encodeToString(
                    (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        Matcher m = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))").matcher(header);
        Map<String, String> p = new java.util.HashMap<>();
        while (m.find()) {
            p.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2) : m.group(3));
        }
        if (!header.startsWith("Digest ") || !NONCE.equals(p.get("nonce")) || !target.equals(p.get("uri"))) {
            return false;
        }
        String ha1 = sha256(USER + ":proxy:" + PASSWORD);
        String ha2 = sha256("CONNECT:" + target);
        String expected = sha256(ha1 + ":" + NONCE + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        return expected.equals(p.get("response"));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
