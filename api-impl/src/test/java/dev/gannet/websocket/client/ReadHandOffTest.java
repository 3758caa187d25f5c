package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.transport.TransportListener;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The read side of the NIO transport on a real socket: one delivery per demand, none without,
 * on a worker thread (never the selector), reading on the worker while data is there and
 * falling back to selector readiness when the socket is empty.
 */
@Timeout(60)
class ReadHandOffTest {

    /** Records each delivery and the thread it came on; demands only when told. */
    static final class Deliveries implements TransportListener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();

        @Override
        public void onData(ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            threads.add(Thread.currentThread());
            events.add(new String(b, java.nio.charset.StandardCharsets.US_ASCII));
        }

        @Override
        public void onEndOfStream() {
            events.add("<eof>");
        }

        @Override
        public void onError(Throwable failure) {
            events.add("<error " + failure + ">");
        }

        String next() throws InterruptedException {
            String e = events.poll(10, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no delivery within 10 s");
            }
            return e;
        }
    }

    @Test
    void oneDeliveryPerDemandOnAWorkerAndReadinessWhenTheSocketIsEmpty() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 5, lo)) {
            NioTransport t = NioTransportTest.connect(new InetSocketAddress(lo, server.getLocalPort()));
            try (Socket s = server.accept()) {
                OutputStream out = s.getOutputStream();
                Deliveries d = new Deliveries();
                t.setListener(d);
                out.write("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(200);
                assertNull(d.events.poll(), "nothing is delivered without demand");

                t.demand();
                assertEquals("abc", d.next());
                Thread worker = d.threads.take();
                assertTrue(worker.getName().startsWith("gannet-client-worker"), worker.getName());

                // The socket is empty now: the demand waits for readiness, then is served once.
                t.demand();
                t.demand(); // a second demand before the delivery adds nothing
                Thread.sleep(200);
                assertNull(d.events.poll(), "an empty socket delivers nothing");
                out.write("de".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                assertEquals("de", d.next());
                out.write("f".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(200);
                assertNull(d.events.poll(), "one delivery per demand, however many were asked at once");
                t.demand();
                assertEquals("f", d.next());

                s.shutdownOutput();
                t.demand();
                assertEquals("<eof>", d.next());
                t.demand();
                Thread.sleep(200);
                assertNull(d.events.poll(), "nothing follows the end of the stream");
            }
            t.close();
            assertTrue(eventually(t::isClosed));
        }
    }

    @Test
    void aBusyConnectionIsReadByTheDeliveringWorkerWithoutSelectorHops() throws Exception {
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            NioTransport t = NioTransportTest.connect((InetSocketAddress) server.getLocalAddress());
            try (java.nio.channels.SocketChannel peer = server.accept()) {
                // Fill the socket until it takes no more: every byte then waits for the client
                // before the first demand, so a read never finds the socket empty until the end.
                peer.configureBlocking(false);
                ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                long filled = 0;
                int n;
                do {
                    chunk.clear();
                    n = peer.write(chunk);
                    filled += n;
                } while (n > 0 && filled < (64 << 20));
                java.util.concurrent.atomic.AtomicInteger deliveries = new java.util.concurrent.atomic.AtomicInteger();
                NioTransportTest.Collector c = new NioTransportTest.Collector(t, (int) filled) {
                    @Override
                    public void onData(ByteBuffer data) {
                        deliveries.incrementAndGet();
                        assertFalse(Thread.currentThread().getName().startsWith("gannet-client-selector"));
                        super.onData(data);
                    }
                };
                t.setListener(c);
                t.demand();
                assertEquals(filled, c.done.get(30, TimeUnit.SECONDS).length);
                // 4 KiB reads: many deliveries, and the selector was needed at most once (the
                // demand made by the last delivery).
                assertTrue(deliveries.get() >= filled / 4096, "deliveries " + deliveries + " for " + filled);
                assertTrue(t.readinessWaits() <= 1, "waited for readiness " + t.readinessWaits() + " times for "
                        + deliveries + " deliveries");
            }
            t.close();
        }
    }

    private static boolean eventually(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
