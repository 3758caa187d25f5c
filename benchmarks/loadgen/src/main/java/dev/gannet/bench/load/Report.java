package dev.gannet.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns the runs into what people read: per scenario and peer the median of every figure over
 * the repetitions with its spread, Gannet's ratio to the best other peer, a CSV of every single
 * run, and an SVG chart of throughput relative to the best peer of each scenario.
 */
final class Report {

    private final BenchmarkRunner.Results results;
    private final Options options;
    private final double minutes;

    Report(BenchmarkRunner.Results results, Options options, double minutes) {
        this.results = results;
        this.options = options;
        this.minutes = minutes;
    }

    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.csv"), csv());
        Files.writeString(dir.resolve("idle.csv"), idleCsv());
        Files.writeString(dir.resolve("throughput.svg"), svg());
        Path md = dir.resolve("results.md");
        Files.writeString(md, markdown());
        return md;
    }

    /** The machine's cores: the runner itself is pinned to fewer, so availableProcessors() would say 1. */
    static int machineCores() {
        try {
            long n = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
            if (n > 0) {
                return (int) n;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return Runtime.getRuntime().availableProcessors();
    }

    static double median(List<Double> values) {
        double[] v = values.stream().filter(d -> !Double.isNaN(d)).mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** (max - min) / median, in percent. */
    static double spread(List<Double> values) {
        double m = median(values);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        return m == 0 ? 0 : 100 * (max - min) / m;
    }

    private static <T> List<Double> values(List<T> runs, ToDoubleFunction<T> f) {
        List<Double> out = new ArrayList<>();
        runs.forEach(r -> out.add(f.applyAsDouble(r)));
        return out;
    }

    /** The runs without errors: a run with a lost, altered or reordered echo does not count. */
    static List<LoadRun.Result> validRuns(List<LoadRun.Result> runs) {
        return runs.stream().filter(r -> r.errors() == 0).toList();
    }

    /** A peer's figures stand when at least one of its repetitions had no error. */
    private static boolean valid(List<LoadRun.Result> runs) {
        return !validRuns(runs).isEmpty();
    }

    private String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Echo benchmark\n\n");
        sb.append(String.format(Locale.ROOT, "Machine: %d cores, %s; JDK %s; servers pinned to CPU %s, load generator"
                        + " on the others; JVM flags `%s`; %d repetitions of %d ms (after %d ms warm-up); total %.1f min.%n%n",
                machineCores(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), options.serverCpus, String.join(" ", options.jvmFlags), options.reps,
                options.measureMillis, options.warmupMillis, minutes));
        sb.append("Medians over the repetitions without errors; ± is (max − min) / median. CPU is the server process's"
                + " user+system time per echoed message. A run with an error (a lost, altered or reordered echo, a"
                + " refused handshake, a close) is left out and counted in the last column; INVALID means no run"
                + " of that peer was free of errors.\n\n");
        sb.append("| scenario | peer | msg/s | ± | MiB/s | p50 µs | p99 µs | server CPU µs/msg | failed runs |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, List<LoadRun.Result>>> scenario : results.load.entrySet()) {
            for (Map.Entry<String, List<LoadRun.Result>> peer : scenario.getValue().entrySet()) {
                List<LoadRun.Result> all = peer.getValue();
                List<LoadRun.Result> runs = validRuns(all);
                List<Double> rate = values(runs, LoadRun.Result::messagesPerSecond);
                long failed = all.size() - runs.size();
                String firstError = all.stream().filter(r -> r.firstError() != null).findFirst()
                        .map(LoadRun.Result::firstError).orElse("");
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f%% | %.1f | %.0f | %.0f | %.2f | %s |%n",
                        scenario.getKey(), peer.getKey(), runs.isEmpty() ? "INVALID" : String.format(Locale.ROOT, "%.0f",
                                median(rate)), spread(rate), median(values(runs, LoadRun.Result::mebibytesPerSecond)),
                        median(values(runs, r -> r.p50Micros())), median(values(runs, r -> r.p99Micros())),
                        median(values(runs, LoadRun.Result::serverCpuMicrosPerMessage)),
                        failed == 0 ? "0" : failed + " of " + all.size() + " runs (" + firstError.replace('|', '/') + ")"));
            }
        }
        sb.append("\n## Gannet against the best other peer\n\n");
        sb.append("Ratios of medians: throughput (higher is better, target ≥ 1.0) and server CPU per message"
                + " (lower is better, target ≤ 0.8).\n\n| scenario | Gannet peer | best other (msg/s) | msg/s ratio |"
                + " best other (CPU) | CPU ratio |\n|---|---|---|---:|---|---:|\n");
        for (Map.Entry<String, Map<String, List<LoadRun.Result>>> scenario : results.load.entrySet()) {
            Map<String, List<LoadRun.Result>> byPeer = scenario.getValue();
            String bestRatePeer = null;
            String bestCpuPeer = null;
            for (Map.Entry<String, List<LoadRun.Result>> e : byPeer.entrySet()) {
                if (e.getKey().startsWith("gannet") || !valid(e.getValue())) {
                    continue;
                }
                if (bestRatePeer == null || rate(byPeer.get(bestRatePeer)) < rate(e.getValue())) {
                    bestRatePeer = e.getKey();
                }
                if (bestCpuPeer == null || cpu(byPeer.get(bestCpuPeer)) > cpu(e.getValue())) {
                    bestCpuPeer = e.getKey();
                }
            }
            for (Map.Entry<String, List<LoadRun.Result>> e : byPeer.entrySet()) {
                if (!e.getKey().startsWith("gannet") || bestRatePeer == null) {
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", scenario.getKey(), e.getKey(),
                        bestRatePeer, valid(e.getValue()) ? String.format(Locale.ROOT, "%.2f",
                                rate(e.getValue()) / rate(byPeer.get(bestRatePeer))) : "INVALID",
                        bestCpuPeer, valid(e.getValue()) ? String.format(Locale.ROOT, "%.2f",
                                cpu(e.getValue()) / cpu(byPeer.get(bestCpuPeer))) : "INVALID"));
            }
        }
        if (!results.idle.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n## %d idle connections%n%n", options.idleConnections));
            sb.append("Live heap: the growth of the class histogram's total (jcmd, after a full GC). Outside heap: the"
                    + " growth of RSS, which with a fixed, pre-touched heap is thread stacks, direct buffers and native"
                    + " state. Medians over the repetitions that opened every connection.\n\n");
            sb.append("| peer | opened | live heap B/conn | ± | outside heap B/conn | total B/conn | threads before → after"
                    + " | seconds to open | failed runs |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---|---:|---|\n");
            for (Map.Entry<String, List<IdleRun.Result>> e : results.idle.entrySet()) {
                List<IdleRun.Result> all = e.getValue();
                List<IdleRun.Result> runs = all.stream().filter(r -> r.errors() == 0).toList();
                List<Double> heap = values(runs, IdleRun.Result::heapBytesPerConnection);
                IdleRun.Result shown = runs.isEmpty() ? all.get(all.size() - 1) : runs.get(runs.size() - 1);
                String firstError = all.stream().filter(r -> r.firstError() != null).findFirst()
                        .map(IdleRun.Result::firstError).orElse("");
                long failed = all.size() - runs.size();
                sb.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f%% | %.0f | %.0f | %d → %d | %.1f | %s |%n",
                        e.getKey(), all.stream().mapToInt(IdleRun.Result::connections).max().orElse(0), median(heap),
                        spread(heap), median(values(runs, IdleRun.Result::rssBytesPerConnection)),
                        median(values(runs, IdleRun.Result::totalBytesPerConnection)), shown.threadsBefore(),
                        shown.threadsAfter(), median(values(runs, IdleRun.Result::secondsToOpen)),
                        failed == 0 ? "0" : failed + " of " + all.size() + " (" + firstError.replace('|', '/') + ")"));
            }
        }
        sb.append("\nChart: `throughput.svg` (msg/s relative to the best peer of each scenario). Every run: `results.csv`.\n");
        return sb.toString();
    }

    private static double rate(List<LoadRun.Result> runs) {
        return median(values(validRuns(runs), LoadRun.Result::messagesPerSecond));
    }

    private static double cpu(List<LoadRun.Result> runs) {
        return median(values(validRuns(runs), LoadRun.Result::serverCpuMicrosPerMessage));
    }

    private String csv() {
        StringBuilder sb = new StringBuilder(
                "scenario,peer,messages,bytes,seconds,msg_per_s,mib_per_s,p50_us,p99_us,server_cpu_us_per_msg,errors\n");
        results.load.forEach((scenario, byPeer) -> byPeer.forEach((peer, runs) -> runs.forEach(r ->
                sb.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.3f,%.1f,%.2f,%d,%d,%.3f,%d%n", scenario, peer,
                        r.messages(), r.bytes(), r.seconds(), r.messagesPerSecond(), r.mebibytesPerSecond(),
                        r.p50Micros(), r.p99Micros(), r.serverCpuMicrosPerMessage(), r.errors())))));
        return sb.toString();
    }

    private String idleCsv() {
        StringBuilder sb = new StringBuilder("peer,connections,heap_b_per_conn,outside_heap_b_per_conn,threads_before,"
                + "threads_after,seconds_to_open,errors\n");
        results.idle.forEach((peer, runs) -> runs.forEach(r -> sb.append(String.format(Locale.ROOT,
                "%s,%d,%.0f,%.0f,%d,%d,%.2f,%d%n", peer, r.connections(), r.heapBytesPerConnection(),
                r.rssBytesPerConnection(), r.threadsBefore(), r.threadsAfter(), r.secondsToOpen(), r.errors()))));
        return sb.toString();
    }

    private String svg() {
        String[] colors = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
        List<String> peers = new ArrayList<>(options.peers);
        int barHeight = 10;
        int groupHeight = peers.size() * barHeight + 12;
        int labelWidth = 190;
        int chartWidth = 480;
        int height = 40 + results.load.size() * groupHeight + 20 * peers.size() + 20;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"11\">%n", labelWidth + chartWidth + 80, height));
        sb.append("<text x=\"10\" y=\"18\" font-size=\"14\">Echo throughput relative to the best peer per scenario</text>\n");
        int y = 35;
        for (Map.Entry<String, Map<String, List<LoadRun.Result>>> scenario : results.load.entrySet()) {
            double best = scenario.getValue().values().stream().filter(Report::valid).mapToDouble(Report::rate).max().orElse(1);
            sb.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + groupHeight / 2, scenario.getKey()));
            for (int i = 0; i < peers.size(); i++) {
                List<LoadRun.Result> runs = scenario.getValue().get(peers.get(i));
                double fraction = runs == null || !valid(runs) ? 0 : rate(runs) / best;
                int w = (int) Math.round(fraction * chartWidth);
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
                                + "<text x=\"%d\" y=\"%d\" font-size=\"9\">%.2f</text>%n", labelWidth, y + i * barHeight, w,
                        barHeight - 1, colors[i % colors.length], labelWidth + w + 4, y + i * barHeight + 8, fraction));
            }
            y += groupHeight;
        }
        for (int i = 0; i < peers.size(); i++) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", labelWidth, y + i * 20, colors[i % colors.length],
                    labelWidth + 18, y + i * 20 + 10, peers.get(i)));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

}
