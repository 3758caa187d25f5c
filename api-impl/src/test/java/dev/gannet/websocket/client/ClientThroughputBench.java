package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gannet.websocket.server.GannetServerContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Client echo throughput, run on request only ({@code -Dgannet.bench=true -Dtest=ClientThroughputBench}):
 * one connection, 16 messages of 1 KiB in flight, 5 s, against node's {@code ws} server (an
 * other process, so this JVM's CPU time is the client's alone) and against Gannet's server
 * engine in this JVM (CPU then counts both sides). Prints msg/s and CPU microseconds per message.
 */
@Timeout(120)
class ClientThroughputBench {

    private static final int IN_FLIGHT = Integer.getInteger("gannet.bench.inFlight", 16);
    private static final int SIZE = Integer.getInteger("gannet.bench.size", 1024);
    private static final long MILLIS = Long.getLong("gannet.bench.millis", 5_000);

    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public ByteBuffer echo(ByteBuffer b) {
            return b;
        }
    }

    /** Counts echoes and gives a permit back for each. */
    public static final class Counter extends Endpoint {
        final Semaphore permits = new Semaphore(IN_FLIGHT);
        final AtomicLong received = new AtomicLong();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
                received.incrementAndGet();
                permits.release();
            });
        }
    }

    @Test
    void againstNodeWs() throws Exception {
        assumeTrue(Boolean.getBoolean("gannet.bench"), "benchmark: run with -Dgannet.bench=true");
        NodeWsServer.assumeNode();
        try (NodeWsServer server = NodeWsServer.start("{}")) {
            run("node ws", server.uri("/echo"));
        }
    }

    @Test
    void againstGannetServer() throws Exception {
        assumeTrue(Boolean.getBoolean("gannet.bench"), "benchmark: run with -Dgannet.bench=true");
        GannetServerContainer container = new GannetServerContainer();
        container.addEndpoint(Echo.class);
        container.deploymentComplete();
        try (GannetTcpServer server = new GannetTcpServer(container)) {
            run("gannet server (CPU of both sides)", server.uri("/echo"));
        }
    }

    private static void run(String peer, URI uri) throws Exception {
        GannetClientContainer c = new GannetClientContainer();
        Counter counter = new Counter();
        Session s = c.connectToServer(counter, ClientEndpointConfig.Builder.create().build(), uri);
        byte[] payload = new byte[SIZE];
        // Warm-up, then the measured window.
        pump(s, counter, payload, 1_500);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        java.lang.management.ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        long started0 = tm.getTotalStartedThreadCount();
        java.util.Map<String, Long> byGroup0 = cpuByThreadGroup(tm);
        long cpu0 = os.getProcessCpuTime();
        long got0 = counter.received.get();
        long t0 = System.nanoTime();
        pump(s, counter, payload, MILLIS);
        long got = counter.received.get() - got0;
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuUs = (os.getProcessCpuTime() - cpu0) / 1e3;
        System.out.printf("BENCH %s: %d in flight, %d B, %.1f s: %.0f msg/s, %.1f us CPU/msg, %d threads started%n",
                peer, IN_FLIGHT, SIZE, secs, got / secs, cpuUs / got, tm.getTotalStartedThreadCount() - started0);
        java.util.Map<String, Long> byGroup = cpuByThreadGroup(tm);
        StringBuilder groups = new StringBuilder("BENCH   CPU us/msg by thread:");
        byGroup.forEach((g, ns) -> {
            double us = (ns - byGroup0.getOrDefault(g, 0L)) / 1e3 / got;
            if (us >= 0.1) {
                groups.append(String.format(" %s=%.1f", g, us));
            }
        });
        System.out.println(groups);
        assertTrue(got > 0);
        s.close();
    }

    /** CPU time by thread name without its trailing number (threads of one pool together). */
    private static java.util.Map<String, Long> cpuByThreadGroup(java.lang.management.ThreadMXBean tm) {
        java.util.Map<String, Long> m = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo ti : tm.getThreadInfo(tm.getAllThreadIds())) {
            if (ti != null) {
                long ns = tm.getThreadCpuTime(ti.getThreadId());
                if (ns > 0) {
                    m.merge(ti.getThreadName().replaceAll("[-#]?\\d+$", ""), ns, Long::sum);
                }
            }
        }
        return m;
    }

    private static void pump(Session s, Counter counter, byte[] payload, long millis) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            if (counter.permits.tryAcquire(5, TimeUnit.SECONDS)) {
                s.getAsyncRemote().sendBinary(ByteBuffer.wrap(payload));
            } else {
                throw new AssertionError("no echo within 5 s");
            }
        }
        // Drain what is in flight so the next window starts clean.
        assertTrue(counter.permits.tryAcquire(IN_FLIGHT, 10, TimeUnit.SECONDS));
        counter.permits.release(IN_FLIGHT);
        assertEquals(IN_FLIGHT, counter.permits.availablePermits());
    }
}
