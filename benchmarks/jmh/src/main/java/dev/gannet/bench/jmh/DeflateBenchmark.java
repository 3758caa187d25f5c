package dev.gannet.bench.jmh;

import dev.gannet.websocket.protocol.MessageDeflater;
import dev.gannet.websocket.protocol.MessageInflater;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

/**
 * permessage-deflate per message, with and without context takeover, beside java.util.zip
 * used directly (the floor: what any implementation pays for zlib itself).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DeflateBenchmark {

    @Param({"1024", "65536"})
    int size;

    @Param({"true", "false"})
    boolean noContextTakeover;

    private ByteBuffer message;
    private ByteBuffer compressed;
    private MessageDeflater deflater;
    private MessageInflater inflater;
    private Deflater zip;
    private byte[] zipOut;
    private long sunk;

    @Setup
    public void setup() {
        StringBuilder sb = new StringBuilder();
        Random random = new Random(1);
        String[] words = {"gannet", "websocket", "frame", "message", "deflate", "session", "{\"id\":", "}, "};
        while (sb.length() < size) {
            sb.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append(' ');
        }
        message = ByteBuffer.wrap(sb.substring(0, size).getBytes(StandardCharsets.US_ASCII));
        deflater = new MessageDeflater(noContextTakeover);
        inflater = new MessageInflater(noContextTakeover, 0);
        ByteBuffer all = ByteBuffer.allocate(size + 1024);
        try (MessageDeflater once = new MessageDeflater(true)) {
            once.deflate(message.duplicate(), true, all::put);
        }
        all.flip();
        compressed = all;
        zip = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        zipOut = new byte[size + 1024];
    }

    @TearDown
    public void tearDown() {
        deflater.close();
        inflater.close();
        zip.end();
    }

    @Benchmark
    public long gannetDeflate() {
        deflater.deflate(message.duplicate(), true, chunk -> sunk += chunk.remaining());
        return sunk;
    }

    @Benchmark
    public long gannetInflate() {
        // Without context takeover every message stands alone; with it, the inflater must see
        // the same stream the deflater produced, so only the no-takeover case is meaningful here.
        if (!noContextTakeover) {
            return 0;
        }
        inflater.inflate(compressed.duplicate(), true, chunk -> sunk += chunk.remaining());
        return sunk;
    }

    @Benchmark
    public int baselineJavaUtilZipDeflate() {
        if (noContextTakeover) {
            zip.reset();
        }
        zip.setInput(message.array(), 0, size);
        return zip.deflate(zipOut, 0, zipOut.length, Deflater.SYNC_FLUSH);
    }
}
