package dev.gannet.bench.load;

import dev.gannet.bench.peer.GannetJettyPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator against a real server (Gannet on embedded Jetty, in this JVM): every
 * scenario shape completes with verified echoes, so a broken generator cannot pass as a slow
 * server in the real comparison.
 */
class LoadRunAgainstGannetTest {

    private static int port;
    private static Thread server;

    @BeforeAll
    static void startServer() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = new Thread(() -> {
            try {
                GannetJettyPeer.main(new String[] {"--port", Integer.toString(port)});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "gannet-peer");
        server.setDaemon(true);
        server.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Gannet peer did not start on port " + port);
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stopServer() {
        server.interrupt();
    }

    private static LoadRun.Result run(Scenario scenario) throws Exception {
        return LoadRun.run("127.0.0.1", port, "/echo", scenario, Duration.ofMillis(100), Duration.ofMillis(400), () -> 0);
    }

    @Test
    void pipelinedTextAndBinaryEchoesAreVerified() throws Exception {
        for (Scenario scenario : new Scenario[] {
                Scenario.of(1, 1, 32, false, false),
                Scenario.of(2, 16, 1024, true, false),
                Scenario.of(1, 4, 64 * 1024, true, false)}) {
            LoadRun.Result r = run(scenario);
            assertEquals(0, r.errors(), scenario.name() + ": " + r.firstError());
            assertTrue(r.messages() > 0, scenario.name() + " echoed nothing");
            // Counters are sampled one after the other, so a message may straddle the sample.
            long slack = 2L * scenario.connections() * scenario.size();
            assertTrue(Math.abs(r.bytes() - r.messages() * scenario.size()) <= slack, scenario.name() + " byte count");
            assertTrue(r.p50Micros() > 0 && r.p99Micros() >= r.p50Micros(), scenario.name() + " latencies");
        }
    }

    @Test
    void compressedEchoesAreInflatedAndVerified() throws Exception {
        LoadRun.Result r = run(Scenario.of(1, 8, 1024, false, true));
        assertEquals(0, r.errors(), r.firstError());
        assertTrue(r.messages() > 0);
    }
}
