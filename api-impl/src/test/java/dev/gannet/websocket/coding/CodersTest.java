package dev.gannet.websocket.coding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodersTest {

    static final List<String> LIFECYCLE = new ArrayList<>();

    public static class Animal {
        final String name;

        public Animal(String name) {
            this.name = name;
        }
    }

    public static final class Dog extends Animal {
        public Dog(String name) {
            super(name);
        }
    }

    public static final class AnimalEncoder implements Encoder.Text<Animal> {
        @Override
        public void init(EndpointConfig config) {
            LIFECYCLE.add("init animal");
        }

        @Override
        public void destroy() {
            LIFECYCLE.add("destroy animal");
        }

        @Override
        public String encode(Animal a) {
            return "animal:" + a.name;
        }
    }

    public static final class DogEncoder implements Encoder.BinaryStream<Dog> {
        @Override
        public void encode(Dog d, OutputStream os) throws IOException {
            os.write(("dog:" + d.name).getBytes());
        }
    }

    public static final class StreamTextDecoder implements Decoder.TextStream<StringBuilder> {
        @Override
        public StringBuilder decode(Reader reader) throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = reader.read()) >= 0) {
                sb.append((char) c);
            }
            return sb;
        }
    }

    public static final class StreamBinaryDecoder implements Decoder.BinaryStream<Long> {
        @Override
        public Long decode(InputStream is) throws IOException {
            return (long) is.readAllBytes().length;
        }
    }

    public static final class NoDefaultConstructor implements Encoder.Text<String> {
        public NoDefaultConstructor(int x) {
        }

        @Override
        public String encode(String s) {
            return s;
        }
    }

    public static final class WriterEncoder implements Encoder.TextStream<StringBuilder> {
        @Override
        public void encode(StringBuilder sb, Writer w) throws IOException {
            w.write(sb.toString().toUpperCase());
        }
    }

    private static EndpointConfig config(List<Class<? extends Decoder>> d, List<Class<? extends Encoder>> e) {
        return ClientEndpointConfig.Builder.create().decoders(d).encoders(e).build();
    }

    @Test
    void encodersPreferTheExactClassThenASuperclassThenBuiltIns() throws Exception {
        LIFECYCLE.clear();
        EncoderSet set = EncoderSet.create(config(List.of(), List.of(AnimalEncoder.class, DogEncoder.class,
                WriterEncoder.class)));
        assertEquals(List.of("init animal"), LIFECYCLE);
        assertEquals("animal:cat", set.encode(new Animal("cat")).text());
        EncodedMessage dog = set.encode(new Dog("rex"));
        assertTrue(!dog.isText());
        byte[] b = new byte[dog.binary().remaining()];
        dog.binary().get(b);
        assertArrayEquals("dog:rex".getBytes(), b);
        assertEquals("ABC", set.encode(new StringBuilder("abc")).text());
        assertEquals("3.5", set.encode(3.5d).text());
        assertEquals("x", set.encode('x').text());
        assertEquals("hello", set.encode("hello").text());
        assertEquals(2, set.encode(new byte[2]).binary().remaining());
        assertThrows(EncodeException.class, () -> set.encode(new Object()));
        set.destroy();
        assertEquals(List.of("init animal", "destroy animal"), LIFECYCLE);
    }

    @Test
    void decoderKindsAndStreamDecoders() throws Exception {
        DecoderSet set = DecoderSet.create(config(List.of(StreamTextDecoder.class, StreamBinaryDecoder.class), List.of()));
        assertEquals(MessageKind.TEXT, set.kindOf(String.class));
        assertEquals(MessageKind.TEXT, set.kindOf(Reader.class));
        assertEquals(MessageKind.TEXT, set.kindOf(int.class));
        assertEquals(MessageKind.TEXT, set.kindOf(StringBuilder.class));
        assertEquals(MessageKind.BINARY, set.kindOf(byte[].class));
        assertEquals(MessageKind.BINARY, set.kindOf(InputStream.class));
        assertEquals(MessageKind.BINARY, set.kindOf(Long.class), "a configured decoder wins over the built-in");
        assertEquals(MessageKind.PONG, set.kindOf(PongMessage.class));
        assertNull(set.kindOf(Thread.class));
        assertEquals("abc", set.decodeText(StringBuilder.class, "abc").toString());
        assertEquals(5L, set.decodeBinary(Long.class, ByteBuffer.allocate(5)));
        assertEquals(7, set.decodeText(int.class, "7"));
        assertEquals(true, set.decodeText(Boolean.class, "true"));
        assertEquals('c', set.decodeText(char.class, "c"));
        assertThrows(DecodeException.class, () -> set.decodeText(Short.class, "99999"));
        // Character has no one-String constructor: its value is the text's first character.
        assertEquals('E', set.decodeText(Character.class, "Echar"));
        assertEquals('E', set.decodeText(char.class, "Echar"));
        assertThrows(DecodeException.class, () -> set.decodeText(Character.class, ""));
        assertThrows(DecodeException.class, () -> set.decodeBinary(Thread.class, ByteBuffer.allocate(1)));
    }

    @Test
    void coderWithoutPublicNoArgConstructorIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EncoderSet.create(config(List.of(), List.of(NoDefaultConstructor.class))));
        assertTrue(e.getMessage().contains(NoDefaultConstructor.class.getName()), e.getMessage());
    }
}
