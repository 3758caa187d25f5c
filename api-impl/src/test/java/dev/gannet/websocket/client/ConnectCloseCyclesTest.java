package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 1,000 connect/close cycles against a local server leave no threads, sockets or sessions behind. */
class ConnectCloseCyclesTest {

    private static final int CYCLES = 1_000;
    private static final long TIME_BOUND_MS = 150_000;

    @Test
    @Timeout(240)
    void thousandCyclesLeakNothing() throws Exception {
        try (NodeWsServer server = NodeWsServer.start("{}")) {
            GannetClientContainer container = new GannetClientContainer();
            ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().build();
            for (int i = 0; i < 20; i++) {
                cycle(container, cec, server);
            }
            Thread.sleep(200);
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long fdsBefore = openFiles();
            long deadline = System.nanoTime() + TIME_BOUND_MS * 1_000_000;
            int done = 0;
            while (done < CYCLES && System.nanoTime() < deadline) {
                cycle(container, cec, server);
                done++;
            }
            assertEquals(CYCLES, done, "cycles completed within " + TIME_BOUND_MS + " ms");
            // Open until onClose has returned; the test saw onClose from inside it.
            for (long end = System.nanoTime() + 5_000_000_000L; !container.getOpenSessions().isEmpty() && System.nanoTime() < end; ) {
                Thread.onSpinWait();
            }
            assertTrue(container.getOpenSessions().isEmpty());
            Thread.sleep(200);
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            // Idle pool workers may linger for a minute, but never one per connection.
            assertTrue(threadsAfter <= threadsBefore + 8, "threads " + threadsBefore + " -> " + threadsAfter + ": "
                    + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted()
                            .collect(Collectors.joining(", ")));
            long fdsAfter = openFiles();
            assertTrue(fdsAfter <= fdsBefore + 16, "open files " + fdsBefore + " -> " + fdsAfter);
        }
    }

    @Test
    @Timeout(120)
    void failedHandshakesReleaseTheirSockets() throws Exception {
        try (ScriptedServer server = new ScriptedServer(r -> "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))) {
            GannetClientContainer container = new GannetClientContainer();
            ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().build();
            for (int i = 0; i < 10; i++) {
                refused(container, cec, server);
            }
            Thread.sleep(300);
            long fdsBefore = openFiles();
            for (int i = 0; i < 300; i++) {
                refused(container, cec, server);
            }
            Thread.sleep(500); // the scripted server's side closes once it sees our FIN
            long fdsAfter = openFiles();
            assertTrue(fdsAfter <= fdsBefore + 16, "open files " + fdsBefore + " -> " + fdsAfter);
        }
    }

    private static void refused(GannetClientContainer c, ClientEndpointConfig cec, ScriptedServer server) {
        jakarta.websocket.DeploymentException e = org.junit.jupiter.api.Assertions.assertThrows(
                jakarta.websocket.DeploymentException.class, () -> c.connectToServer(new Recorder(), cec,
                        server.uri("/")));
        assertTrue(e.getMessage().contains("403"), e.getMessage());
    }

    private static void cycle(GannetClientContainer container, ClientEndpointConfig cec, NodeWsServer server)
            throws Exception {
        Recorder r = new Recorder();
        Session s = container.connectToServer(r, cec, server.uri("/"));
        s.getBasicRemote().sendText("ping");
        assertEquals("ping", r.next());
        s.close();
        assertEquals(1000, r.awaitClose().getCloseCode().getCode());
    }

    /** Open file descriptors of this process (Linux); 0 where /proc is absent. */
    private static long openFiles() throws Exception {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(fd)) {
            return s.count();
        }
    }
}
