package dev.gannet.websocket.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the Autobahn fuzzing client against an echo server and fails on any case the suite
 * fails, or when fewer cases ran than the selection holds. Settings come from system
 * properties that the pom fills in: {@code autobahn.server} (see {@link EchoTarget}),
 * {@code autobahn.agent}, {@code autobahn.cases} and {@code autobahn.excludeCases} (comma
 * separated patterns), {@code autobahn.expectedCases}, {@code autobahn.failOnNonStrict},
 * {@code autobahn.reports} (output directory).
 */
class AutobahnFuzzingIT {

    @Test
    void echoEndpointPassesTheFuzzingSuite() throws Exception {
        String server = System.getProperty("autobahn.server", "jetty").strip();
        String agent = System.getProperty("autobahn.agent", "Gannet");
        List<String> cases = patterns(System.getProperty("autobahn.cases", "*"));
        List<String> excluded = patterns(System.getProperty("autobahn.excludeCases", ""));
        int expected = Integer.getInteger("autobahn.expectedCases", 301);
        boolean failOnNonStrict = Boolean.getBoolean("autobahn.failOnNonStrict");
        Path base = Path.of(System.getProperty("autobahn.reports", "target/autobahn"));
        Path reports = base.resolve("reports");
        Path log = base.resolve("fuzzingclient.log");
        Files.createDirectories(base);
        ServerLog.redirectTo(base.resolve("server.log"));

        String timing;
        try (EchoTarget target = EchoTarget.start(server, base)) {
            say(agent + " echo endpoint at " + target.echoUri() + ": " + target.description());
            say("cases " + cases + " minus " + excluded);
            timing = new FuzzingClient(agent, target.echoUri(), cases, excluded).run(reports, log);
        }

        FuzzingReport report = FuzzingReport.read(reports.resolve("index.json"), agent);
        say(report.summary().stripTrailing());
        say(timing);
        say("reports: " + reports.resolve("index.html") + "; client log: " + log + "; server log: "
                + base.resolve("server.log"));

        List<String> problems = report.problems(expected, failOnNonStrict);
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s) in the Autobahn run against " + agent + ":\n  "
                    + String.join("\n  ", problems) + "\n" + report.summary() + "Reports: " + reports);
        }
    }

    private static void say(String text) {
        System.out.println("[autobahn] " + text.replace("\n", "\n[autobahn] "));
    }

    private static List<String> patterns(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
