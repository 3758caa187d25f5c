package dev.gannet.websocket.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the Autobahn fuzzing <em>server</em> against the WebSocket client the test classpath
 * provides ({@link ContainerProvider}): for each case the client connects, echoes every message
 * with {@link EchoEndpoint} and waits for the server to close; then the reports are written and
 * judged like the server-side run. Settings: {@code autobahn.client.agent},
 * {@code autobahn.cases}, {@code autobahn.expectedCases}, {@code autobahn.failOnNonStrict},
 * {@code autobahn.client.reports}.
 */
class AutobahnClientFuzzingIT {

    /** Longer than any case's own timeout (9.x waits up to 100 s for an echo). */
    private static final long CASE_TIMEOUT_SECONDS = 150;

    /**
     * How long after the client's {@code onClose} the server may take to store the case's result.
     * It stores it when the TCP connection ends, which a client that waits for the server's TCP
     * close (RFC 6455 §7.1.1) sees at once. System property {@code autobahn.client.recordTimeoutMillis}.
     */
    private static final long RECORD_TIMEOUT_MILLIS = Long.getLong("autobahn.client.recordTimeoutMillis", 10_000);

    @Test
    void clientPassesTheFuzzingServer() throws Exception {
        String agent = System.getProperty("autobahn.client.agent", "GannetClient");
        List<String> cases = Arrays.stream(System.getProperty("autobahn.cases", "*").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        int expected = Integer.getInteger("autobahn.expectedCases", 301);
        boolean failOnNonStrict = Boolean.getBoolean("autobahn.failOnNonStrict");
        Path base = Path.of(System.getProperty("autobahn.client.reports", "target/autobahn-client"));
        Path reports = base.resolve("reports");
        Files.createDirectories(base);
        ServerLog.redirectTo(base.resolve("client.log"));

        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(EchoEndpoint.MAX_MESSAGE_BYTES);
        container.setDefaultMaxBinaryMessageBufferSize(EchoEndpoint.MAX_MESSAGE_BYTES);
        say(agent + ": client " + container.getClass().getName());

        List<String> stuck = new ArrayList<>();
        String cpu;
        long started = System.nanoTime();
        try (FuzzingServer server = FuzzingServer.start(cases, reports, base.resolve("fuzzingserver.log"))) {
            CpuSplit split = new CpuSplit();
            List<String> ids = server.caseIds();
            say(agent + ": " + ids.size() + " cases offered by the fuzzing server");
            for (int n = 1; n <= ids.size(); n++) {
                String id = ids.get(n - 1);
                if (!runCase(container, server.runCase(n, agent))) {
                    stuck.add("case " + id + " (#" + n + ") did not close within " + CASE_TIMEOUT_SECONDS + " s");
                }
                // The server stores a result only when the case's TCP connection has ended on its side,
                // which trails our onClose; a result still missing after that is named here, not lost.
                if (!awaitRecorded(server, agent, id)) {
                    stuck.add("case " + id + " (#" + n + "): the fuzzing server stored no result within "
                            + RECORD_TIMEOUT_MILLIS + " ms of the client's onClose (its connection did not end)");
                }
            }
            cpu = split.measureWithSuiteOn(server.reactorThread()); // before the reactor thread ends
            runCase(container, server.updateReports(agent));
        }
        long wallMillis = (System.nanoTime() - started) / 1_000_000;

        FuzzingReport report = FuzzingReport.read(reports.resolve("index.json"), agent);
        say(report.summary().stripTrailing());
        say("wall time " + wallMillis / 1000.0 + " s (fuzzing server start-up included)");
        say("cases ran in " + cpu);
        say("reports: " + reports.resolve("index.html"));

        List<String> problems = new ArrayList<>(stuck);
        problems.addAll(report.problems(expected, failOnNonStrict));
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s) in the Autobahn fuzzing server run against " + agent + ":\n  "
                    + String.join("\n  ", problems) + "\n" + report.summary() + "Reports: " + reports);
        }
    }

    /** Waits until the server holds the result of case {@code id} for {@code agent}. */
    private static boolean awaitRecorded(FuzzingServer server, String agent, String id) throws InterruptedException {
        long deadline = System.nanoTime() + RECORD_TIMEOUT_MILLIS * 1_000_000L;
        while (!server.hasResult(agent, id)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Connects, echoes until the server closes; false if it did not close in time. */
    private static boolean runCase(WebSocketContainer container, URI uri) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Session session;
        try {
            session = container.connectToServer(new EchoEndpoint(closed), ClientEndpointConfig.Builder.create().build(), uri);
        } catch (Exception e) {
            // A refused handshake is the case's verdict to give, not ours.
            return true;
        }
        if (closed.await(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            return true;
        }
        try {
            session.close();
        } catch (Exception e) {
            // Already failing this case.
        }
        return false;
    }

    private static void say(String text) {
        System.out.println("[autobahn-client] " + text.replace("\n", "\n[autobahn-client] "));
    }
}
