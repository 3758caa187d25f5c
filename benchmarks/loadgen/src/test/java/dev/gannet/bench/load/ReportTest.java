package dev.gannet.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the report makes of runs: failed runs left out of medians and counted, ratios, the idle table. */
class ReportTest {

    private static LoadRun.Result ok(double rate, double cpu) {
        return new LoadRun.Result((long) rate, (long) rate * 32, 1.0, 50, 90, cpu, 0, null);
    }

    private static LoadRun.Result failed(String why) {
        return new LoadRun.Result(10, 320, 1.0, 50, 90, 1.0, 3, why);
    }

    @Test
    void medianIgnoresNaNAndAveragesTheMiddlePair() {
        assertEquals(2.0, Report.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Report.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(5.0, Report.median(List.of(Double.NaN, 5.0)));
        assertTrue(Double.isNaN(Report.median(List.of())));
    }

    @Test
    void runsWithErrorsAreLeftOut() {
        List<LoadRun.Result> runs = List.of(ok(100, 5), failed("echo 7 altered"), ok(300, 7));
        assertEquals(2, Report.validRuns(runs).size());
    }

    @Test
    void markdownShowsMediansOfValidRunsRatiosAndFailures(@TempDir Path dir) throws Exception {
        Options options = Options.parse(new String[] {"--peers", "gannet-jetty,jetty", "--reps", "3", "--idle", "10"});
        BenchmarkRunner.Results results = new BenchmarkRunner.Results();
        results.add("s", "gannet-jetty", ok(200, 4));
        results.add("s", "gannet-jetty", failed("lost echo"));
        results.add("s", "gannet-jetty", ok(200, 4));
        results.add("s", "jetty", ok(100, 8));
        results.add("s", "jetty", ok(100, 8));
        results.add("s", "jetty", ok(100, 8));
        results.addIdle("gannet-jetty", new IdleRun.Result(10, 6000, 1000, 20, 20, 0.5, 0, null));
        results.addIdle("jetty", new IdleRun.Result(7, Double.NaN, Double.NaN, 20, -1, 0.5, 1, "server exited"));
        Path md = new Report(results, options, 1.0).write(dir);
        String text = Files.readString(md);
        assertTrue(text.contains("| s | gannet-jetty | 200 |"), text);
        assertTrue(text.contains("1 of 3 runs (lost echo)"), text);
        assertTrue(text.contains("| s | gannet-jetty | jetty | 2.00 | jetty | 0.50 |"), text);
        assertTrue(text.contains("| gannet-jetty | 10 | 6000 | 0% | 1000 | 7000 | 20 → 20 |"), text);
        assertTrue(text.contains("1 of 1 (server exited)"), text);
        assertTrue(Files.readString(dir.resolve("idle.csv")).contains("jetty,7,"));
    }

    @Test
    void onlyKeepsMatchingScenariosAndRotationStartsEachPeerInTurn() {
        Options options = Options.parse(new String[] {"--only", "^1c-16f-32B"});
        assertEquals(List.of("1c-16f-32B-text", "1c-16f-32B-bin"),
                options.scenarios().stream().map(Scenario::name).toList());
        assertArrayEquals(new int[] {2, 0, 1}, BenchmarkRunner.rotation(3, 2));
    }
}
