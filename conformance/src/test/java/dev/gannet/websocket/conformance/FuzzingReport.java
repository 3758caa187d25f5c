package dev.gannet.websocket.conformance;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.json.simple.JSONObject;
import org.json.simple.parser.JSONParser;
import org.json.simple.parser.ParseException;

/**
 * The results of one fuzzing run for one agent, read from the suite's {@code index.json}
 * (an object keyed by agent, then by case id, each case holding {@code behavior},
 * {@code behaviorClose}, {@code duration} in ms, {@code remoteCloseCode} and {@code reportfile}).
 * Counts cases per behaviour, summarises timings, and decides whether the run passes.
 */
public final class FuzzingReport {

    /** The verdicts the suite gives a case, in the order the summary prints them. */
    public static final List<String> BEHAVIORS = List.of("OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED");

    /** Case verdicts that do not fail a run (NON-STRICT only when asked to). */
    private static final Set<String> ACCEPTED = Set.of("OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED");

    /** Close verdicts the suite's report paints red: the closing handshake itself was wrong. */
    private static final Set<String> CLOSE_FAILURES = Set.of("FAILED", "UNCLEAN");

    private final String agent;
    private final List<CaseResult> results;

    FuzzingReport(String agent, List<CaseResult> results) {
        this.agent = agent;
        List<CaseResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing(CaseResult::id, CaseIds.ORDER));
        this.results = List.copyOf(sorted);
    }

    /**
     * Reads the report of one agent.
     *
     * @param indexJson the suite's index.json; a missing file reads as a run with no results
     * @param agent the agent name given to the fuzzing client
     */
    public static FuzzingReport read(Path indexJson, String agent) throws IOException {
        if (!Files.exists(indexJson)) {
            return new FuzzingReport(agent, List.of());
        }
        try (Reader in = Files.newBufferedReader(indexJson, StandardCharsets.UTF_8)) {
            return parse(in, agent);
        }
    }

    /** Parses index.json content; an agent absent from it has no results. */
    static FuzzingReport parse(Reader in, String agent) throws IOException {
        Object root;
        try {
            root = new JSONParser().parse(in);
        } catch (ParseException e) {
            throw new IOException("index.json is not JSON: " + e, e);
        }
        if (!(root instanceof JSONObject agents)) {
            throw new IOException("index.json: expected an object keyed by agent, got " + root);
        }
        List<CaseResult> results = new ArrayList<>();
        Object cases = agents.get(agent);
        if (cases instanceof JSONObject byId) {
            for (Object entry : byId.entrySet()) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) entry;
                results.add(toResult(String.valueOf(e.getKey()), (Map<?, ?>) e.getValue()));
            }
        }
        return new FuzzingReport(agent, results);
    }

    private static CaseResult toResult(String id, Map<?, ?> c) {
        Object code = c.get("remoteCloseCode");
        Object duration = c.get("duration");
        return new CaseResult(id, String.valueOf(c.get("behavior")), String.valueOf(c.get("behaviorClose")),
                duration instanceof Number n ? n.longValue() : -1,
                code instanceof Number n ? Integer.valueOf(n.intValue()) : null,
                String.valueOf(c.get("reportfile")));
    }

    /** The agent this report is about. */
    public String agent() {
        return agent;
    }

    /** Every case, in the suite's order. */
    public List<CaseResult> results() {
        return results;
    }

    /** Cases per case verdict: the five of {@link #BEHAVIORS} always, then any other seen. */
    public Map<String, Integer> behaviorCounts() {
        return count(results.stream().map(CaseResult::behavior).toList());
    }

    /** Cases per close verdict. */
    public Map<String, Integer> closeBehaviorCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        results.forEach(r -> counts.merge(r.behaviorClose(), 1, Integer::sum));
        return counts;
    }

    private static Map<String, Integer> count(List<String> values) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        BEHAVIORS.forEach(b -> counts.put(b, 0));
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts;
    }

    /**
     * Why this run fails, one line per reason; empty when it passes. A run fails when it holds
     * fewer cases than expected (a run that tested nothing must not pass), when a case's verdict
     * is FAILED or anything else outside OK, INFORMATIONAL, UNIMPLEMENTED and NON-STRICT, when
     * NON-STRICT is present and not tolerated, or when a closing handshake failed or was unclean.
     *
     * @param expectedCases how many cases the selection holds (301 for all of sections 1-10)
     * @param failOnNonStrict whether NON-STRICT fails the run
     */
    public List<String> problems(int expectedCases, boolean failOnNonStrict) {
        List<String> problems = new ArrayList<>();
        if (results.size() < expectedCases) {
            problems.add("only " + results.size() + " of " + expectedCases + " cases have a result for agent '"
                    + agent + "' (server unreachable, suite aborted, or wrong selection)");
        }
        for (CaseResult r : results) {
            boolean badCase = !ACCEPTED.contains(r.behavior()) || failOnNonStrict && "NON-STRICT".equals(r.behavior());
            boolean badClose = CLOSE_FAILURES.contains(r.behaviorClose());
            if (badCase || badClose) {
                problems.add("case " + r.id() + ": " + r.behavior() + ", close " + r.behaviorClose()
                        + ", remote close code " + r.remoteCloseCode() + ", " + r.durationMillis() + " ms, see " + r.reportFile());
            }
        }
        return problems;
    }

    /** A human summary: counts per verdict, then where the time went. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("Autobahn fuzzing client vs ").append(agent).append(": ").append(results.size()).append(" cases\n");
        behaviorCounts().forEach((b, n) -> out.append(String.format("  %-16s %4d%n", b, n)));
        out.append("  close verdicts:  ").append(closeBehaviorCounts()).append('\n');
        long total = results.stream().mapToLong(CaseResult::durationMillis).sum();
        out.append(String.format("  case time total %.1f s; per section:", total / 1000.0));
        sumBy(results, CaseResult::section).forEach((s, ms) -> out.append(String.format(" %s=%.1fs", s, ms / 1000.0)));
        out.append('\n');
        out.append("  section 9 per subsection (total / slowest case):\n");
        Map<String, List<CaseResult>> nine = new TreeMap<>(CaseIds.ORDER);
        results.stream().filter(r -> "9".equals(r.section()))
                .forEach(r -> nine.computeIfAbsent(r.subsection(), k -> new ArrayList<>()).add(r));
        nine.forEach((sub, list) -> {
            CaseResult slowest = list.stream().max(Comparator.comparingLong(CaseResult::durationMillis)).orElseThrow();
            long sum = list.stream().mapToLong(CaseResult::durationMillis).sum();
            out.append(String.format("    %-5s %8.1f s  / %s %d ms%n", sub, sum / 1000.0, slowest.id(), slowest.durationMillis()));
        });
        return out.toString();
    }

    private static Map<String, Long> sumBy(List<CaseResult> list, java.util.function.Function<CaseResult, String> key) {
        Map<String, Long> sums = new TreeMap<>(CaseIds.ORDER);
        list.forEach(r -> sums.merge(key.apply(r), r.durationMillis(), Long::sum));
        return sums;
    }
}
