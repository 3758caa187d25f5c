package dev.gannet.bench.jmh;

import dev.gannet.websocket.protocol.Utf8Validator;
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
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Incremental UTF-8 validation beside the JDK's strict CharsetDecoder, which is what a
 * decode-then-check implementation pays, on ASCII text and on mixed text (2-, 3- and 4-byte forms).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class Utf8Benchmark {

    @Param({"1024", "65536"})
    int size;

    @Param({"ascii", "mixed"})
    String text;

    private ByteBuffer bytes;
    private final Utf8Validator validator = new Utf8Validator();
    private CharsetDecoder decoder;
    private CharBuffer chars;

    @Setup
    public void setup() {
        StringBuilder sb = new StringBuilder();
        Random random = new Random(42);
        String[] mixed = {"a", "é", "€", "\uD83D\uDE00", "z", " "};
        while (sb.toString().getBytes(StandardCharsets.UTF_8).length < size) {
            sb.append(text.equals("ascii") ? String.valueOf((char) ('a' + random.nextInt(26))) : mixed[random.nextInt(mixed.length)]);
        }
        bytes = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        chars = CharBuffer.allocate(bytes.remaining());
    }

    @Benchmark
    public boolean gannetValidator() {
        validator.reset();
        validator.validate(bytes);
        validator.endOfMessage();
        return validator.isComplete();
    }

    @Benchmark
    public int baselineCharsetDecoder() throws CharacterCodingException {
        decoder.reset();
        chars.clear();
        bytes.mark();
        var result = decoder.decode(bytes, chars, true);
        bytes.reset();
        if (result.isError()) {
            result.throwException();
        }
        return chars.position();
    }
}
