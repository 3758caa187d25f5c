package dev.gannet.websocket.tck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportSummaryTest {

    @TempDir
    Path folder;

    private void report(String suite, String cases) throws Exception {
        Files.writeString(folder.resolve("TEST-" + suite + ".xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"" + suite + "\" tests=\"0\">" + cases + "</testsuite>");
    }

    @Test
    void countsOutcomesInTotalAndPerTopLevelPackageAfterThePrefix() throws Exception {
        String p = "com.sun.ts.tests.websocket.";
        report(p + "ee.a.WSClientIT", "<testcase classname=\"" + p + "ee.a.WSClientIT\" name=\"one\"/>"
                + "<testcase classname=\"" + p + "ee.a.WSClientIT\" name=\"two\"><failure message=\"expected 1\"/></testcase>");
        report(p + "negdep.b.WSCClientIT", "<testcase classname=\"" + p + "negdep.b.WSCClientIT\" name=\"three\">"
                + "<error message=\"boom\nline two\" type=\"java.lang.IllegalStateException\"/></testcase>"
                + "<testcase classname=\"" + p + "negdep.b.WSCClientIT\" name=\"four\"><skipped/></testcase>");
        // Not a report: must be ignored.
        Files.writeString(folder.resolve("failsafe-summary.xml"), "<failsafe-summary/>");
        Path out = folder.resolve("out/summary.txt");

        TestReportSummary.main(new String[] {folder.toString(), out.toString(), "TCK", p});

        List<String> lines = Files.readAllLines(out);
        assertEquals("TCK: 4 tests, 1 passed, 1 failed, 1 errored, 1 skipped", lines.get(0));
        assertEquals(" package tests passed failed errored skipped", lines.get(1).replaceAll(" +", " "));
        assertEquals(" ee 2 1 1 0 0", lines.get(2).replaceAll(" +", " "));
        assertEquals(" negdep 2 0 0 1 1", lines.get(3).replaceAll(" +", " "));
        assertEquals("", lines.get(4));
        assertEquals("FAILED  " + p + "ee.a.WSClientIT#two: expected 1", lines.get(5));
        assertEquals("ERRORED " + p + "negdep.b.WSCClientIT#three: boom line two", lines.get(6));
    }

    @Test
    void groupsByWholePackageWithoutPrefix() {
        assertEquals("dev.gannet.x", TestReportSummary.group("dev.gannet.x", ""));
        assertEquals("signaturetest",
                TestReportSummary.group("com.sun.ts.tests.websocket.signaturetest", "com.sun.ts.tests.websocket."));
        assertEquals("(default)", TestReportSummary.group("", ""));
    }

    @Test
    void saysSoWhenThereAreNoReports() throws Exception {
        Path out = folder.resolve("summary.txt");
        TestReportSummary.main(new String[] {folder.resolve("missing").toString(), out.toString(), "TCK"});
        assertTrue(Files.readString(out).startsWith("TCK: no test reports in "));
    }
}
