package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class NioTransportTest {

    static NioTransport connect(InetSocketAddress a) throws Exception {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        NioTransport t = NioTransport.open(ClientRuntime.shared(), a, 4096, connected);
        connected.get(10, TimeUnit.SECONDS);
        return t;
    }

    static NioTransport connectTls(InetSocketAddress a, String host) throws Exception {
        NioTransport t = connect(a);
        SSLEngine engine = TestCerts.get().clientContext.createSSLEngine(host, a.getPort());
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);
        CompletableFuture<Void> done = new CompletableFuture<>();
        t.startTls(engine, done);
        done.get(20, TimeUnit.SECONDS);
        return t;
    }

    /** Collects bytes until {@code expected} arrived, demanding one delivery at a time. */
    static class Collector implements TransportListener {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<byte[]> done = new CompletableFuture<>();
        final CompletableFuture<Void> eof = new CompletableFuture<>();
        final AtomicInteger concurrent = new AtomicInteger();
        final int expected;
        final NioTransport t;

        Collector(NioTransport t, int expected) {
            this.t = t;
            this.expected = expected;
        }

        @Override
        public void onData(ByteBuffer data) {
            assertEquals(1, concurrent.incrementAndGet(), "deliveries never overlap");
            byte[] b = new byte[data.remaining()];
            data.get(b);
            bytes.write(b, 0, b.length);
            if (bytes.size() >= expected) {
                done.complete(bytes.toByteArray());
            }
            t.demand(); // from inside the delivery: must not recurse or overlap
            concurrent.decrementAndGet();
        }

        @Override
        public void onEndOfStream() {
            eof.complete(null);
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
            eof.completeExceptionally(failure);
        }
    }

    static CompletableFuture<Void> write(NioTransport t, ByteBuffer... buffers) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        t.write(buffers, new WriteCallback() {
            @Override
            public void completed() {
                f.complete(null);
            }

            @Override
            public void failed(Throwable failure) {
                f.completeExceptionally(failure);
            }
        });
        return f;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static void echoLargeGatheringWrite(NioTransport t) throws Exception {
        byte[] payload = random(3 * 1024 * 1024 + 17);
        Collector c = new Collector(t, payload.length);
        t.setListener(c);
        t.demand();
        // Three buffers, the middle one large enough that the socket pushes back.
        int a = 10;
        int b = payload.length - 1000;
        write(t, ByteBuffer.wrap(payload, 0, a), ByteBuffer.wrap(payload, a, b - a),
                ByteBuffer.wrap(payload, b, payload.length - b)).get(30, TimeUnit.SECONDS);
        assertArrayEquals(payload, c.done.get(30, TimeUnit.SECONDS));
        t.close();
    }

    @Test
    void plainEchoOfALargeGatheringWrite() throws Exception {
        try (EchoPeer peer = new EchoPeer(null)) {
            NioTransport t = connect(peer.address());
            assertFalse(t.isSecure());
            assertEquals(peer.address(), t.remoteAddress());
            echoLargeGatheringWrite(t);
        }
    }

    @Test
    void tlsEchoOfALargeGatheringWrite() throws Exception {
        try (EchoPeer peer = new EchoPeer(TestCerts.get().serverContext)) {
            NioTransport t = connectTls(peer.address(), "localhost");
            assertTrue(t.isSecure());
            echoLargeGatheringWrite(t);
        }
    }

    @Test
    void tlsChecksTheHostName() throws Exception {
        try (EchoPeer peer = new EchoPeer(TestCerts.get().serverContext)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> connectTls(peer.address(), "127.0.0.1"));
            assertTrue(e.getCause() instanceof javax.net.ssl.SSLException, e.getCause().toString());
        }
    }

    @Test
    void aListenerMayBlockOnAWriteWhileTheSelectorWrites() throws Exception {
        try (EchoPeer peer = new EchoPeer(null)) {
            NioTransport t = connect(peer.address());
            byte[] big = random(2 * 1024 * 1024);
            CountDownLatch blockedWriteDone = new CountDownLatch(1);
            Collector c = new Collector(t, 1 + big.length) {
                boolean first = true;

                @Override
                public void onData(ByteBuffer data) {
                    super.onData(data);
                    if (first) {
                        first = false;
                        // A blocking send inside a delivery: waits for the selector to signal.
                        try {
                            write(t, ByteBuffer.wrap(big)).get(20, TimeUnit.SECONDS);
                            blockedWriteDone.countDown();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }
                }
            };
            t.setListener(c);
            t.demand();
            write(t, ByteBuffer.wrap(new byte[] {42})).get(10, TimeUnit.SECONDS);
            assertTrue(blockedWriteDone.await(30, TimeUnit.SECONDS));
            byte[] got = c.done.get(30, TimeUnit.SECONDS);
            assertEquals(1 + big.length, got.length);
            t.close();
        }
    }

    @Test
    void deliversEndOfStreamAndFailsWritesAfterClose() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 5, lo)) {
            NioTransport t = connect(new InetSocketAddress(lo, server.getLocalPort()));
            try (Socket s = server.accept()) {
                s.getOutputStream().write(new byte[] {1, 2, 3});
            }
            Collector c = new Collector(t, 3);
            t.setListener(c);
            t.demand();
            assertEquals(3, c.done.get(10, TimeUnit.SECONDS).length);
            c.eof.get(10, TimeUnit.SECONDS);
            t.close();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> write(t, ByteBuffer.wrap(new byte[] {1})).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof java.io.IOException, e.getCause().toString());
        }
    }

    @Test
    void closeWaitsForThePendingWrite() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 5, lo)) {
            NioTransport t = connect(new InetSocketAddress(lo, server.getLocalPort()));
            byte[] payload = random(4 * 1024 * 1024);
            try (Socket s = server.accept()) {
                s.setSoTimeout(20_000);
                CompletableFuture<Void> w = write(t, ByteBuffer.wrap(payload));
                t.close();
                byte[] got = s.getInputStream().readAllBytes(); // to the FIN
                w.get(10, TimeUnit.SECONDS);
                assertArrayEquals(payload, got);
            }
        }
    }
}
