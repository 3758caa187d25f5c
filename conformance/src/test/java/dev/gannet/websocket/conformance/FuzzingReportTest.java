package dev.gannet.websocket.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FuzzingReportTest {

    /** Shaped like the suite's index.json: agent, then case id, then the five fields. */
    private static final String INDEX = """
            {
               "Gannet": {
                  "1.1.10": {"behavior": "OK", "behaviorClose": "OK", "duration": 3, "remoteCloseCode": 1000,
                             "reportfile": "gannet_case_1_1_10.json"},
                  "1.1.9": {"behavior": "OK", "behaviorClose": "OK", "duration": 2, "remoteCloseCode": 1000,
                            "reportfile": "gannet_case_1_1_9.json"},
                  "6.4.1": {"behavior": "NON-STRICT", "behaviorClose": "OK", "duration": 2004, "remoteCloseCode": 1007,
                            "reportfile": "gannet_case_6_4_1.json"},
                  "7.1.6": {"behavior": "INFORMATIONAL", "behaviorClose": "INFORMATIONAL", "duration": 40,
                            "remoteCloseCode": 1000, "reportfile": "gannet_case_7_1_6.json"},
                  "9.3.1": {"behavior": "FAILED", "behaviorClose": "OK", "duration": 100012, "remoteCloseCode": null,
                            "reportfile": "gannet_case_9_3_1.json"},
                  "9.3.2": {"behavior": "OK", "behaviorClose": "UNCLEAN", "duration": 5000, "remoteCloseCode": 1000,
                            "reportfile": "gannet_case_9_3_2.json"}
               },
               "Other": {
                  "1.1.1": {"behavior": "FAILED", "behaviorClose": "FAILED", "duration": 1, "remoteCloseCode": null,
                            "reportfile": "other_case_1_1_1.json"}
               }
            }
            """;

    @Test
    void countsEveryBehaviourOfTheAgentOnly() throws IOException {
        FuzzingReport report = FuzzingReport.parse(new StringReader(INDEX), "Gannet");

        assertEquals(6, report.results().size());
        assertEquals(Map.of("OK", 3, "NON-STRICT", 1, "INFORMATIONAL", 1, "UNIMPLEMENTED", 0, "FAILED", 1),
                report.behaviorCounts());
        assertEquals(List.copyOf(FuzzingReport.BEHAVIORS), List.copyOf(report.behaviorCounts().keySet()));
        assertEquals(Map.of("OK", 4, "INFORMATIONAL", 1, "UNCLEAN", 1), report.closeBehaviorCounts());
    }

    @Test
    void ordersCasesNumerically() throws IOException {
        FuzzingReport report = FuzzingReport.parse(new StringReader(INDEX), "Gannet");

        assertEquals(List.of("1.1.9", "1.1.10", "6.4.1", "7.1.6", "9.3.1", "9.3.2"),
                report.results().stream().map(CaseResult::id).toList());
        CaseResult failed = report.results().get(4);
        assertEquals(new CaseResult("9.3.1", "FAILED", "OK", 100012, null, "gannet_case_9_3_1.json"), failed);
        assertEquals("9", failed.section());
        assertEquals("9.3", failed.subsection());
    }

    @Test
    void failsOnFailedCasesAndUncleanCloses() throws IOException {
        FuzzingReport report = FuzzingReport.parse(new StringReader(INDEX), "Gannet");

        List<String> problems = report.problems(6, false);

        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("case 9.3.1: FAILED"), problems::toString);
        assertTrue(problems.get(1).startsWith("case 9.3.2: OK, close UNCLEAN"), problems::toString);
    }

    @Test
    void nonStrictFailsOnlyWhenAsked() throws IOException {
        FuzzingReport report = FuzzingReport.parse(new StringReader(INDEX), "Gannet");

        assertEquals(3, report.problems(6, true).size());
        assertTrue(report.problems(6, true).stream().anyMatch(p -> p.startsWith("case 6.4.1: NON-STRICT")));
    }

    @Test
    void tooFewResultsFail() throws IOException {
        FuzzingReport report = FuzzingReport.parse(new StringReader(INDEX), "Gannet");

        assertTrue(report.problems(301, false).get(0).startsWith("only 6 of 301 cases"));
    }

    @Test
    void aRunThatProducedNothingFails(@TempDir Path dir) throws IOException {
        FuzzingReport missingFile = FuzzingReport.read(dir.resolve("index.json"), "Gannet");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{}");
        FuzzingReport missingAgent = FuzzingReport.read(empty, "Gannet");

        assertEquals(List.of("only 0 of 301 cases have a result for agent 'Gannet' (server unreachable, suite aborted,"
                + " or wrong selection)"), missingFile.problems(301, false));
        assertEquals(missingFile.problems(301, false), missingAgent.problems(301, false));
    }

    @Test
    void rejectsSomethingThatIsNotAnIndex() {
        assertThrows(IOException.class, () -> FuzzingReport.parse(new StringReader("[1, 2]"), "Gannet"));
        assertThrows(IOException.class, () -> FuzzingReport.parse(new StringReader("{"), "Gannet"));
    }

    @Test
    void summaryShowsCountsAndSectionNineTimes() throws IOException {
        String summary = FuzzingReport.parse(new StringReader(INDEX), "Gannet").summary();

        assertTrue(summary.contains("vs Gannet: 6 cases"), summary);
        assertTrue(summary.contains("FAILED              1"), summary);
        assertTrue(summary.contains("9.3      105.0 s  / 9.3.1 100012 ms"), summary);
    }
}
