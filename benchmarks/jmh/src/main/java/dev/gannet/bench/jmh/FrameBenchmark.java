package dev.gannet.bench.jmh;

import dev.gannet.websocket.protocol.FrameHeaders;
import dev.gannet.websocket.protocol.FrameListener;
import dev.gannet.websocket.protocol.FrameParser;
import dev.gannet.websocket.protocol.Masking;
import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.protocol.Role;
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
 * The server's inbound and outbound frame paths on bytes alone: parsing (with in-place
 * unmasking) a read buffer holding 16 masked client frames, and writing the header of an
 * outgoing frame into a reused buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FrameBenchmark {

    private static final int FRAMES = 16;

    @Param({"32", "1024", "65536"})
    int size;

    private ByteBuffer wire;
    private byte[] pristine;
    private FrameParser parser;
    private final ByteBuffer header = ByteBuffer.allocate(FrameHeaders.MAX_HEADER_LENGTH);
    private long payloadBytes;

    @Setup
    public void setup() {
        ByteBuffer out = ByteBuffer.allocate(FRAMES * (size + FrameHeaders.MAX_HEADER_LENGTH));
        byte[] payload = new byte[size];
        ThreadLocalRandom.current().nextBytes(payload);
        for (int i = 0; i < FRAMES; i++) {
            int key = Masking.newMaskKey();
            FrameHeaders.write(out, true, 0, OpCode.BINARY, size, true, key);
            int start = out.position();
            out.put(payload);
            Masking.mask(out, start, out.position(), key, 0);
        }
        out.flip();
        pristine = new byte[out.remaining()];
        out.get(pristine);
        wire = ByteBuffer.allocate(pristine.length);
        parser = new FrameParser(Role.SERVER, new FrameListener() {
            @Override
            public void onControlFrame(int opcode, ByteBuffer p) {
            }

            @Override
            public void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long length) {
            }

            @Override
            public void onDataPayload(ByteBuffer chunk) {
                payloadBytes += chunk.remaining();
            }

            @Override
            public void onDataFrameEnd() {
            }
        });
    }

    /** Parses 16 frames; the copy that restores the masked bytes is part of the cost (as a socket read is). */
    @Benchmark
    public long parse16Frames() {
        wire.clear();
        wire.put(pristine).flip();
        parser.parse(wire);
        return payloadBytes;
    }

    /** The copy alone, to subtract from {@link #parse16Frames}. */
    @Benchmark
    public int baselineCopyOnly() {
        wire.clear();
        wire.put(pristine).flip();
        return wire.remaining();
    }

    @Benchmark
    public int writeHeader() {
        header.clear();
        FrameHeaders.write(header, true, 0, OpCode.TEXT, size, false, 0);
        return header.position();
    }
}
