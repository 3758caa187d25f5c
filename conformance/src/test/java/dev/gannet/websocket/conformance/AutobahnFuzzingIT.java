package dev.gannet.websocket.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the Autobahn fuzzing client against {@link EchoServer} and fails on any case the suite
 * fails, or when fewer cases ran than the selection holds. The provider under test is the one
 * on the test classpath (see the profiles in this module's pom). Settings come from system
 * properties that the pom fills in: {@code autobahn.agent}, {@code autobahn.cases},
 * {@code autobahn.excludeCases} (comma separated patterns), {@code autobahn.expectedCases},
 * {@code autobahn.failOnNonStrict}, {@code autobahn.reports} (output directory).
 */
class AutobahnFuzzingIT {

    @Test
    void echoEndpointPassesTheFuzzingSuite() throws Exception {
        String agent = System.getProperty("autobahn.agent", "Gannet");
        List<String> cases = patterns(System.getProperty("autobahn.cases", "*"));
        List<String> excluded = patterns(System.getProperty("autobahn.excludeCases", ""));
        int expected = Integer.getInteger("autobahn.expectedCases", 301);
        boolean failOnNonStrict = Boolean.getBoolean("autobahn.failOnNonStrict");
        Path base = Path.of(System.getProperty("autobahn.reports", "target/autobahn"));
        Path reports = base.resolve("reports");
        Path log = base.resolve("fuzzingclient.log");
        Files.createDirectories(base);

        long started = System.nanoTime();
        try (EchoServer server = EchoServer.start()) {
            System.out.println("[autobahn] " + agent + " echo endpoint at " + server.echoUri()
                    + " via " + server.initializers() + "; cases " + cases + " minus " + excluded);
            new FuzzingClient(agent, server.echoUri(), cases, excluded).run(reports, log);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        FuzzingReport report = FuzzingReport.read(reports.resolve("index.json"), agent);
        System.out.println("[autobahn] " + report.summary().stripTrailing().replace("\n", "\n[autobahn] "));
        System.out.println("[autobahn] wall time " + seconds + " s; reports: " + reports.resolve("index.html")
                + "; client log: " + log);

        List<String> problems = report.problems(expected, failOnNonStrict);
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s) in the Autobahn run against " + agent + ":\n  "
                    + String.join("\n  ", problems) + "\n" + report.summary() + "Reports: " + reports);
        }
    }

    private static List<String> patterns(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
