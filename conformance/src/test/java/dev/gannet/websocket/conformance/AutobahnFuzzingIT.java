package dev.gannet.websocket.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
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
 * {@code autobahn.failOnNonStrict}, {@code autobahn.reports} (output directory),
 * {@code autobahn.mainClass} to start a server through its {@code main} (Gannet's demo) instead
 * of {@link EchoServer}, and {@code autobahn.url} to test a server that is already running.
 */
class AutobahnFuzzingIT {

    @Test
    void echoEndpointPassesTheFuzzingSuite() throws Exception {
        String agent = System.getProperty("autobahn.agent", "Gannet");
        List<String> cases = patterns(System.getProperty("autobahn.cases", "*"));
        List<String> excluded = patterns(System.getProperty("autobahn.excludeCases", ""));
        int expected = Integer.getInteger("autobahn.expectedCases", 301);
        boolean failOnNonStrict = Boolean.getBoolean("autobahn.failOnNonStrict");
        String externalUrl = System.getProperty("autobahn.url", "").strip();
        String mainClass = System.getProperty("autobahn.mainClass", "").strip();
        Path base = Path.of(System.getProperty("autobahn.reports", "target/autobahn"));
        Path reports = base.resolve("reports");
        Path log = base.resolve("fuzzingclient.log");
        Files.createDirectories(base);
        ServerLog.redirectTo(base.resolve("server.log"));

        String timing;
        if (!externalUrl.isEmpty()) {
            say(agent + " echo endpoint at " + externalUrl + " (external)");
            timing = run(new FuzzingClient(agent, URI.create(externalUrl), cases, excluded), cases, excluded, reports, log);
        } else if (!mainClass.isEmpty()) {
            try (MainClassServer server = MainClassServer.start(mainClass, "/echo")) {
                say(agent + " echo endpoint at " + server.echoUri() + " started by " + mainClass + ".main");
                timing = run(new FuzzingClient(agent, server.echoUri(), cases, excluded), cases, excluded, reports, log);
            }
        } else {
            try (EchoServer server = EchoServer.start()) {
                say(agent + " echo endpoint at " + server.echoUri() + " via " + server.initializers());
                timing = run(new FuzzingClient(agent, server.echoUri(), cases, excluded), cases, excluded, reports, log);
            }
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

    private static String run(FuzzingClient client, List<String> cases, List<String> excluded, Path reports, Path log)
            throws Exception {
        say("cases " + cases + " minus " + excluded);
        return client.run(reports, log);
    }

    private static void say(String text) {
        System.out.println("[autobahn] " + text.replace("\n", "\n[autobahn] "));
    }

    private static List<String> patterns(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
