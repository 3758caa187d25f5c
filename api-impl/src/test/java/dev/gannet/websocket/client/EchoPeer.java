package dev.gannet.websocket.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLContext;

/**
 * A plain blocking TCP (or TLS) echo server on 127.0.0.1 for transport tests: echoes every
 * byte of one connection at a time, and closes its side when the client closes its own.
 */
final class EchoPeer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    volatile long delayPerReadMillis;

    EchoPeer(SSLContext tls) throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        server = tls == null ? new ServerSocket(0, 50, lo)
                : tls.getServerSocketFactory().createServerSocket(0, 50, lo);
        thread = new Thread(this::serve, "echo-peer");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(20_000);
                s.setTcpNoDelay(true); // Nagle plus delayed ACKs would stall an echo of many records
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (delayPerReadMillis > 0) {
                        Thread.sleep(delayPerReadMillis);
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException | InterruptedException e) {
                // next connection
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
