package dev.gannet.websocket.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeArgumentsTest {

    interface Middle<X> extends Decoder.Binary<List<X>> {
    }

    public static class ListDecoder implements Middle<String> {
        @Override
        public List<String> decode(ByteBuffer bytes) {
            return List.of();
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }
    }

    @SuppressWarnings("rawtypes")
    public static class RawEncoder implements Encoder.Text {
        @Override
        public String encode(Object object) {
            return "";
        }
    }

    public static class Unbound<T extends Number> implements Encoder.Text<T> {
        @Override
        public String encode(T object) {
            return "";
        }
    }

    @Test
    void resolvesThroughSuperclassesAndInterfaces() {
        assertEquals(TestCoders.SubFoo.class,
                TypeArguments.firstArgument(TestCoders.SubFooDecoder.class, Decoder.Text.class));
        assertEquals(List.class, TypeArguments.firstArgument(ListDecoder.class, Decoder.Binary.class));
        assertEquals(Integer.class, TypeArguments.firstArgument(TestCoders.HexIntEncoder.class, Encoder.Text.class));
    }

    @Test
    void rawAndUnboundUsesFallBackToTheBound() {
        assertEquals(Object.class, TypeArguments.firstArgument(RawEncoder.class, Encoder.Text.class));
        assertEquals(Number.class, TypeArguments.firstArgument(Unbound.class, Encoder.Text.class));
    }

    @Test
    void notImplementedIsNull() {
        assertNull(TypeArguments.firstArgument(TestCoders.FooDecoder.class, Decoder.Binary.class));
    }
}
