package dev.gannet.websocket.endpoint;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Application types and coders used by the endpoint tests. */
final class TestCoders {

    private TestCoders() {
    }

    /** A text-coded application type: "foo:" + value. */
    public static class Foo {
        final String value;

        public Foo(String value) {
            this.value = value;
        }
    }

    public static class SubFoo extends Foo {
        public SubFoo(String value) {
            super(value);
        }
    }

    /** A binary-coded application type. */
    public static final class Bar {
        final byte[] bytes;

        public Bar(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    public static class FooDecoder implements Decoder.Text<Foo> {
        @Override
        public Foo decode(String s) throws DecodeException {
            if (!s.startsWith("foo:")) {
                throw new DecodeException(s, "not a foo");
            }
            return new Foo(s.substring(4));
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    /** Generic base: the T of Decoder.Text is bound two levels down. */
    public abstract static class PrefixDecoder<T> implements Decoder.Text<T> {
        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static class SubFooDecoder extends PrefixDecoder<SubFoo> {
        @Override
        public SubFoo decode(String s) {
            return new SubFoo(s);
        }
    }

    public static class FooStreamDecoder implements Decoder.TextStream<Foo> {
        @Override
        public Foo decode(Reader reader) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c; (c = reader.read()) >= 0; ) {
                b.append((char) c);
            }
            return new Foo(b.toString());
        }
    }

    public static class BarDecoder implements Decoder.Binary<Bar> {
        @Override
        public Bar decode(ByteBuffer bytes) {
            byte[] a = new byte[bytes.remaining()];
            bytes.get(a);
            return new Bar(a);
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }
    }

    public static class BarStreamDecoder implements Decoder.BinaryStream<Bar> {
        @Override
        public Bar decode(InputStream is) throws IOException {
            return new Bar(is.readAllBytes());
        }
    }

    /** Makes Integer a binary message type for the endpoints that declare it (4-byte big endian). */
    public static class IntBinaryDecoder implements Decoder.Binary<Integer> {
        @Override
        public Integer decode(ByteBuffer bytes) {
            return bytes.getInt(bytes.position());
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return bytes.remaining() == 4;
        }
    }

    public static class FooEncoder implements Encoder.Text<Foo> {
        @Override
        public String encode(Foo foo) {
            return "foo:" + foo.value;
        }
    }

    public static class FooStreamEncoder implements Encoder.TextStream<Foo> {
        @Override
        public void encode(Foo foo, Writer writer) throws IOException {
            writer.write("foo:" + foo.value);
        }
    }

    public static class BarEncoder implements Encoder.Binary<Bar> {
        @Override
        public ByteBuffer encode(Bar bar) {
            return ByteBuffer.wrap(bar.bytes);
        }
    }

    /** An encoder for a box: it must win over the built-in string form of return values. */
    public static class HexIntEncoder implements Encoder.Text<Integer> {
        @Override
        public String encode(Integer i) {
            return "0x" + Integer.toHexString(i);
        }
    }

    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
