package dev.gannet.bench.jmh;

import dev.gannet.websocket.protocol.Masking;
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

/** Gannet's in-place unmasking, a long at a time, beside the byte-at-a-time loop of the RFC. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class MaskingBenchmark {

    @Param({"32", "1024", "65536"})
    int size;

    private ByteBuffer heap;
    private ByteBuffer direct;
    private byte[] array;
    private int key;

    @Setup
    public void setup() {
        array = new byte[size + 3];
        ThreadLocalRandom.current().nextBytes(array);
        heap = ByteBuffer.wrap(array.clone());
        direct = ByteBuffer.allocateDirect(size + 3);
        direct.put(array.clone()).clear();
        key = ThreadLocalRandom.current().nextInt();
    }

    @Benchmark
    public int gannetHeapBuffer() {
        return Masking.mask(heap, 1, 1 + size, key, 0);
    }

    @Benchmark
    public int gannetDirectBuffer() {
        return Masking.mask(direct, 1, 1 + size, key, 0);
    }

    @Benchmark
    public int baselineByteAtATime() {
        byte[] a = array;
        int from = 1;
        for (int i = 0; i < size; i++) {
            a[from + i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
        return a[from];
    }
}
