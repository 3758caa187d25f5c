package dev.gannet.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end comparison: starts every peer in its own JVM pinned to the server core, then
 * runs every scenario against every peer, rotating the peer order from one scenario and one
 * repetition to the next so that drift (thermal, JIT, page cache) hits all peers alike. Writes
 * a Markdown table, a CSV of every run and an SVG chart to the output folder.
 *
 * <p>Run it pinned to another core than the servers ({@code taskset -c 1}); see
 * {@code benchmarks/run.sh}.
 */
public final class BenchmarkRunner {

    private static final Map<String, String> MAIN_CLASSES = Map.of(
            "gannet-jetty", "dev.gannet.bench.peer.GannetJettyPeer",
            "gannet-tomcat", "dev.gannet.bench.peer.GannetTomcatPeer",
            "jetty", "dev.gannet.bench.peer.JettyPeer",
            "tomcat", "dev.gannet.bench.peer.TomcatPeer",
            "tyrus", "dev.gannet.bench.peer.TyrusPeer");

    private static final Map<String, Integer> RESTARTS = new LinkedHashMap<>();
    private static long started = System.nanoTime();

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<Peer> peers = new ArrayList<>();
        for (String name : options.peers) {
            String main = MAIN_CLASSES.get(name);
            if (main == null) {
                throw new IllegalArgumentException("unknown peer '" + name + "'; known: " + MAIN_CLASSES.keySet());
            }
            peers.add(Peer.fromModule(options.root, name, main));
        }
        List<Scenario> scenarios = options.scenarios();
        Results results = new Results();
        List<PeerProcess> processes = new ArrayList<>();
        started = System.nanoTime();
        double plannedMinutes = options.reps * peers.size()
                * (scenarios.size() * (options.warmupMillis + options.measureMillis + 300) / 60_000.0
                + (options.idleConnections > 0 ? 0.25 : 0));
        log(String.format("%d peers x %d scenarios x %d repetitions%s: about %.0f min", peers.size(), scenarios.size(),
                options.reps, options.idleConnections > 0 ? " + " + options.idleConnections + " idle" : "", plannedMinutes));
        try {
            for (Peer peer : peers) {
                processes.add(PeerProcess.start(peer, options.serverCpus, options.jvmFlags, options.out.resolve("logs")));
                log("started " + peer.name());
            }
            Scenario warmupScenario = Scenario.of(1, 16, 1024, false, false);
            for (PeerProcess p : processes) {
                LoadRun.run("127.0.0.1", p.port(), "/echo", warmupScenario, Duration.ZERO,
                        Duration.ofMillis(options.warmupMillis * 3L), p::cpuNanos);
            }
            for (int rep = 0; rep < options.reps; rep++) {
                for (int s = 0; s < scenarios.size(); s++) {
                    Scenario scenario = scenarios.get(s);
                    for (int i : rotation(processes.size(), rep + s)) {
                        PeerProcess p = alive(processes, i, options);
                        LoadRun.Result r;
                        try {
                            r = LoadRun.run("127.0.0.1", p.port(), "/echo", scenario,
                                    Duration.ofMillis(options.warmupMillis), Duration.ofMillis(options.measureMillis),
                                    p::cpuNanos);
                        } catch (Exception e) {
                            r = new LoadRun.Result(0, 0, 1, 0, 0, Double.NaN, 1, e.toString());
                        }
                        results.add(scenario.name(), p.peer().name(), r);
                        log(String.format("rep %d %-24s %-14s %10.0f msg/s %8.1f MiB/s p50 %6d us p99 %6d us"
                                        + " cpu %7.2f us/msg errors %d%s", rep + 1, scenario.name(), p.peer().name(),
                                r.messagesPerSecond(), r.mebibytesPerSecond(), r.p50Micros(), r.p99Micros(),
                                r.serverCpuMicrosPerMessage(), r.errors(),
                                r.firstError() == null ? "" : " (" + r.firstError() + ")"));
                    }
                }
                if (options.idleConnections > 0) {
                    for (int i : rotation(processes.size(), rep)) {
                        PeerProcess p = alive(processes, i, options);
                        IdleRun.Result r;
                        try {
                            r = IdleRun.run(p, options.idleConnections);
                        } catch (Exception e) {
                            r = new IdleRun.Result(0, Double.NaN, Double.NaN, -1, -1, Double.NaN, 1, e.toString());
                        }
                        results.addIdle(p.peer().name(), r);
                        log(String.format("rep %d idle-%d %-14s %d open, heap %8.0f B/conn, outside heap %8.0f B/conn,"
                                        + " threads %d -> %d, open %.1f s, errors %d%s", rep + 1,
                                options.idleConnections, p.peer().name(), r.connections(), r.heapBytesPerConnection(),
                                r.rssBytesPerConnection(), r.threadsBefore(), r.threadsAfter(), r.secondsToOpen(),
                                r.errors(), r.firstError() == null ? "" : " (" + r.firstError() + ")"));
                    }
                }
                // A report after every repetition: a run cut short still leaves its figures.
                Path written = new Report(results, options, elapsedMinutes()).write(options.out);
                log("report after repetition " + (rep + 1) + ": " + written);
            }
        } finally {
            processes.forEach(PeerProcess::close);
        }
    }

    /** The peer at {@code index}, started again first if its process has died. */
    private static PeerProcess alive(List<PeerProcess> processes, int index, Options options)
            throws IOException, InterruptedException {
        PeerProcess p = processes.get(index);
        if (p.isAlive()) {
            return p;
        }
        int restarts = RESTARTS.merge(p.peer().name(), 1, Integer::sum);
        log("peer " + p.peer().name() + " has exited (see " + p.log() + "); starting it again");
        PeerProcess fresh = p.restart(options.serverCpus, options.jvmFlags, restarts);
        processes.set(index, fresh);
        return fresh;
    }

    /** Indexes 0..n-1 starting at {@code by} modulo n: each peer goes first as often as any other. */
    static int[] rotation(int n, int by) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (i + by) % n;
        }
        return order;
    }

    private static double elapsedMinutes() {
        return (System.nanoTime() - started) / 60e9;
    }

    private static void log(String line) {
        System.out.printf("[bench %6.1f min] %s%n", elapsedMinutes(), line);
        System.out.flush();
    }

    /** Every run, by scenario and peer, in the order they ran. */
    static final class Results {
        final Map<String, Map<String, List<LoadRun.Result>>> load = new LinkedHashMap<>();
        final Map<String, List<IdleRun.Result>> idle = new LinkedHashMap<>();

        void add(String scenario, String peer, LoadRun.Result r) {
            load.computeIfAbsent(scenario, k -> new LinkedHashMap<>()).computeIfAbsent(peer, k -> new ArrayList<>()).add(r);
        }

        void addIdle(String peer, IdleRun.Result r) {
            idle.computeIfAbsent(peer, k -> new ArrayList<>()).add(r);
        }
    }
}
