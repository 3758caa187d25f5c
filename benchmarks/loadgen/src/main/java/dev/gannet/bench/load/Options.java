package dev.gannet.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The runner's command line, with the defaults that make the full comparison fit in 20 minutes. */
final class Options {

    Path root = Path.of("benchmarks");
    Path out = Path.of("benchmarks", "target", "bench-results");
    List<String> peers = List.of("gannet-jetty", "gannet-tomcat", "jetty", "tomcat", "tyrus");
    int reps = 3;
    int warmupMillis = 750;
    int measureMillis = 2500;
    int idleConnections = 10_000;
    String serverCpus = "0";
    String scenarioSet = "full";
    /** Scenarios whose name matches this regular expression run; null runs all. */
    Pattern only;
    /**
     * The same for every peer. The heap is fixed and touched up front so that a change in RSS
     * is memory outside the Java heap (thread stacks, direct buffers, native state), not the
     * collector growing or shrinking the heap; a peer that runs out of heap exits, and the
     * runner starts it again for the next run.
     */
    List<String> jvmFlags = List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError");

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--root" -> o.root = Path.of(require(args[i], value));
                case "--out" -> o.out = Path.of(require(args[i], value));
                case "--peers" -> o.peers = Arrays.asList(require(args[i], value).split(","));
                case "--reps" -> o.reps = Integer.parseInt(require(args[i], value));
                case "--warmup-ms" -> o.warmupMillis = Integer.parseInt(require(args[i], value));
                case "--measure-ms" -> o.measureMillis = Integer.parseInt(require(args[i], value));
                case "--idle" -> o.idleConnections = Integer.parseInt(require(args[i], value));
                case "--server-cpus" -> o.serverCpus = require(args[i], value);
                case "--scenarios" -> o.scenarioSet = require(args[i], value);
                case "--only" -> o.only = Pattern.compile(require(args[i], value));
                case "--jvm-flags" -> o.jvmFlags = Arrays.asList(require(args[i], value).trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; known: --root --out"
                        + " --peers --reps --warmup-ms --measure-ms --idle --server-cpus --scenarios --only --jvm-flags");
            }
            i++;
        }
        return o;
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** The scenarios of the issue: ping-pong, 1 and 100 connections at three sizes, deflate. */
    List<Scenario> scenarios() {
        List<Scenario> list = new ArrayList<>();
        list.add(Scenario.of(1, 1, 32, false, false));
        int[] sizes = scenarioSet.equals("quick") ? new int[] {32, 1024} : new int[] {32, 1024, 64 * 1024};
        for (int connections : new int[] {1, 100}) {
            for (int size : sizes) {
                for (boolean binary : new boolean[] {false, true}) {
                    list.add(Scenario.of(connections, 16, size, binary, false));
                }
            }
        }
        list.add(Scenario.of(1, 16, 1024, false, true));
        if (only != null) {
            list.removeIf(s -> !only.matcher(s.name()).find());
        }
        return list;
    }
}
