package dev.gannet.websocket.conformance;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * Splits the CPU time this JVM spends over a span between the fuzzing client and the server
 * under test. The client's Twisted reactor runs entirely on the calling thread; the server
 * runs on its own threads in the same JVM; what no Java thread accounts for (GC and JIT, which
 * Jython keeps busy on the client's behalf) is reported apart. This answers "which side is slow" without a profiler. Threads that end during the
 * span lose their time to the "rest" figure, which is why the echo server keeps its pool
 * threads alive for the whole run.
 */
final class CpuSplit {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long wallStart = System.nanoTime();
    private final long processStart = processCpuNanos();
    private final Map<Long, Long> threadStart = snapshot();

    /** The split since construction; call on the thread that constructed it. */
    String measure() {
        long wall = System.nanoTime() - wallStart;
        long process = processCpuNanos() - processStart;
        long client = 0;
        long other = 0;
        long self = Thread.currentThread().getId();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            long used = cpu - threadStart.getOrDefault(info.getThreadId(), 0L);
            if (info.getThreadId() == self) {
                client += used;
            } else {
                other += used;
            }
        }
        return String.format("wall %.1f s; CPU: fuzzing client (Jython reactor thread) %.1f s, server under test"
                + " (all other Java threads) %.1f s, GC/JIT/ended threads %.1f s",
                wall / 1e9, client / 1e9, other / 1e9, Math.max(0, process - client - other) / 1e9);
    }

    /**
     * The split since construction when the fuzzing <em>server</em> runs on {@code suite} (the
     * client-side run) and the client under test on every other thread, the caller's included.
     * Call it while {@code suite} still runs: an ended thread's time is lost to the rest.
     */
    String measureWithSuiteOn(Thread suite) {
        long wall = System.nanoTime() - wallStart;
        long process = processCpuNanos() - processStart;
        long fuzzer = 0;
        long other = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            long used = cpu - threadStart.getOrDefault(info.getThreadId(), 0L);
            if (info.getThreadId() == suite.getId()) {
                fuzzer += used;
            } else {
                other += used;
            }
        }
        return String.format("wall %.1f s; CPU: fuzzing server (Jython reactor thread) %.1f s, client under test"
                + " (all other Java threads) %.1f s, GC/JIT/ended threads %.1f s",
                wall / 1e9, fuzzer / 1e9, other / 1e9, Math.max(0, process - fuzzer - other) / 1e9);
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
