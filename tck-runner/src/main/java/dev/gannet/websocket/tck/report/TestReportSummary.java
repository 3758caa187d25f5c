package dev.gannet.websocket.tck.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints, and writes to a file, a summary of a surefire/failsafe reports folder: passed, failed,
 * errored and skipped test cases in total and per package, then (file only) every test case that did
 * not pass with its message. With a package prefix, packages are grouped by their first segment
 * after it, so the TCK's hundreds of packages fold into api, ee, negdep, spec and signaturetest.
 *
 * <p>Usage: {@code TestReportSummary <reports folder> <summary file> <title> [package prefix]}.
 * Run by the build after each test run; never fails it (the test plugins decide that).
 */
public final class TestReportSummary {

    private TestReportSummary() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException(
                    "usage: TestReportSummary <reports folder> <summary file> <title> [package prefix]");
        }
        String prefix = args.length > 3 ? args[3] : "";
        Path reports = Path.of(args[0]);
        List<TestCaseResult> results = new ReportReader().read(reports);
        String text = results.isEmpty()
                ? args[2] + ": no test reports in " + reports + "\n"
                : render(args[2], results, prefix);
        System.out.print(text.substring(0, text.indexOf("\n\n") < 0 ? text.length() : text.indexOf("\n\n") + 1));
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
        System.out.println("Summary written to " + out);
    }

    static String render(String title, List<TestCaseResult> results, String prefix) {
        Tally total = new Tally();
        Map<String, Tally> byGroup = new TreeMap<>();
        for (TestCaseResult result : results) {
            total.add(result.outcome());
            byGroup.computeIfAbsent(group(result.packageName(), prefix), g -> new Tally()).add(result.outcome());
        }
        int width = Math.max("package".length(), byGroup.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder text = new StringBuilder();
        text.append(String.format("%s: %d tests, %d passed, %d failed, %d errored, %d skipped%n", title,
                total.total(), total.count(Outcome.PASSED), total.count(Outcome.FAILED),
                total.count(Outcome.ERRORED), total.count(Outcome.SKIPPED)));
        String row = "  %-" + width + "s %6s %6s %6s %7s %7s%n";
        text.append(String.format(row, "package", "tests", "passed", "failed", "errored", "skipped"));
        byGroup.forEach((group, tally) -> text.append(String.format(row, group, tally.total(),
                tally.count(Outcome.PASSED), tally.count(Outcome.FAILED), tally.count(Outcome.ERRORED),
                tally.count(Outcome.SKIPPED))));
        text.append('\n');
        results.stream()
                .filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERRORED)
                .sorted((a, b) -> (a.className() + '#' + a.name()).compareTo(b.className() + '#' + b.name()))
                .forEach(r -> text.append(String.format("%-7s %s#%s: %s%n", r.outcome(), r.className(), r.name(),
                        oneLine(r.message()))));
        return text.toString();
    }

    static String group(String packageName, String prefix) {
        if (prefix.isEmpty() || !packageName.startsWith(prefix)) {
            return packageName.isEmpty() ? "(default)" : packageName;
        }
        String rest = packageName.substring(prefix.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String oneLine(String message) {
        String flat = message.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
