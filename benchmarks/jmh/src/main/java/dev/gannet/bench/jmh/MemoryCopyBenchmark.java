package dev.gannet.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling for the 64 KiB echo: how fast one core copies a message-sized block, between heap
 * arrays and between the heap and a direct buffer (what a socket write of a heap buffer costs the
 * JDK). A large working set (many distinct blocks) measures memory bandwidth; a single block that
 * stays in cache measures the copy loop. Divide the size by the time for bytes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class MemoryCopyBenchmark {

    @Param({"65536"})
    int size;

    /** 1 block stays in cache; 4096 blocks of 64 KiB (256 MiB) do not. */
    @Param({"1", "4096"})
    int blocks;

    private byte[][] sources;
    private byte[] target;
    private ByteBuffer direct;
    private int next;

    @Setup
    public void setup() {
        sources = new byte[blocks][size];
        for (byte[] block : sources) {
            ThreadLocalRandom.current().nextBytes(block);
        }
        target = new byte[size];
        direct = ByteBuffer.allocateDirect(size);
    }

    private byte[] nextSource() {
        byte[] source = sources[next];
        next = next + 1 == blocks ? 0 : next + 1;
        return source;
    }

    @Benchmark
    public byte heapToHeap() {
        byte[] source = nextSource();
        System.arraycopy(source, 0, target, 0, size);
        return target[size - 1];
    }

    @Benchmark
    public byte heapToDirect() {
        byte[] source = nextSource();
        direct.clear();
        direct.put(source, 0, size);
        return direct.get(size - 1);
    }
}
