package dev.gannet.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One server under test in its own JVM, pinned to its own core, and the readings the runner
 * takes of it from outside: CPU time and RSS from /proc, thread count, live heap after a full
 * GC through jcmd. Every peer is started with the same JVM flags.
 */
final class PeerProcess implements AutoCloseable {

    private static final long CLOCK_TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux
    private final Peer peer;
    private final Process process;
    private final int port;
    private final Path log;

    private PeerProcess(Peer peer, Process process, int port, Path log) {
        this.peer = peer;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the peer and waits (bounded) for its READY line. */
    static PeerProcess start(Peer peer, String cpuList, List<String> jvmFlags, Path logDir)
            throws IOException, InterruptedException {
        return start(peer, cpuList, jvmFlags, logDir, peer.name() + ".log");
    }

    /**
     * Starts a fresh JVM for a peer whose process died (an out-of-memory exit in the idle
     * scenario, say), logging to a file of its own so the first death's log is kept.
     */
    PeerProcess restart(String cpuList, List<String> jvmFlags, int restarts) throws IOException, InterruptedException {
        close();
        return start(peer, cpuList, jvmFlags, log.getParent(), peer.name() + "-restart" + restarts + ".log");
    }

    private static PeerProcess start(Peer peer, String cpuList, List<String> jvmFlags, Path logDir, String logName)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        if (cpuList != null && !cpuList.isEmpty()) {
            command.add("taskset");
            command.add("-c");
            command.add(cpuList);
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(peer.classpath());
        command.add(peer.mainClass());
        command.add("--port");
        command.add(Integer.toString(port));
        Files.createDirectories(logDir);
        Path log = logDir.resolve(logName);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, ready), "peer-log-" + peer.name());
        pump.setDaemon(true);
        pump.start();
        Boolean ok;
        try {
            ok = ready.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            ok = false;
        }
        if (!Boolean.TRUE.equals(ok)) {
            process.destroyForcibly();
            throw new IOException("peer " + peer.name() + " did not start; see " + log);
        }
        return new PeerProcess(peer, process, port, log);
    }

    private static void pump(Process process, Path log, CompletableFuture<Boolean> ready) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (line.startsWith("READY ")) {
                    ready.complete(true);
                }
            }
        } catch (IOException ignored) {
            // The process ended; the caller sees the missing READY line.
        }
        ready.complete(false);
    }

    Peer peer() {
        return peer;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the process has ended or ends within the time given (a JVM exiting on OutOfMemoryError). */
    boolean exitsWithin(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    Path log() {
        return log;
    }

    /** User plus system CPU time of the whole process, all threads, in nanoseconds. */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command name: state is field 3, utime field 14 and stime field 15 (1-based).
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * CLOCK_TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Resident set size in bytes. */
    long rssBytes() {
        return statusField("VmRSS:") * 1024;
    }

    /** Number of threads of the process. */
    long threads() {
        return statusField("Threads:");
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Live heap in bytes: the total of a class histogram, which jcmd takes after a full GC. */
    long liveHeapBytes() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        for (String line : output.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Total")) {
                String[] parts = trimmed.split("\\s+");
                return Long.parseLong(parts[2]);
            }
        }
        throw new IOException("no histogram total from jcmd for " + peer.name() + ": " + output.strip().lines()
                .findFirst().orElse("(no output)"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
