package dev.gannet.websocket.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gannet.websocket.endpoint.CoderTypes.Coder;
import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coder lists: the type and native kind recorded for each declared coder. */
class CoderTypesTest {

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

    @Test
    void decodersAreResolvedThroughGenericHierarchies() throws Exception {
        List<Coder> coders = CoderTypes.decoders(CoderTypesTest.class, List.of(TestCoders.SubFooDecoder.class,
                ListDecoder.class, TestCoders.FooStreamDecoder.class, TestCoders.BarStreamDecoder.class));
        assertEquals(List.of(
                new Coder(TestCoders.SubFooDecoder.class, TestCoders.SubFoo.class, NativeType.TEXT),
                new Coder(ListDecoder.class, List.class, NativeType.BINARY),
                new Coder(TestCoders.FooStreamDecoder.class, TestCoders.Foo.class, NativeType.TEXT),
                new Coder(TestCoders.BarStreamDecoder.class, TestCoders.Bar.class, NativeType.BINARY)), coders);
    }

    @Test
    void rawCodersHandleObject() throws Exception {
        assertEquals(List.of(new Coder(RawEncoder.class, Object.class, NativeType.TEXT),
                new Coder(TestCoders.BarEncoder.class, TestCoders.Bar.class, NativeType.BINARY)),
                CoderTypes.encoders(CoderTypesTest.class, List.of(RawEncoder.class, TestCoders.BarEncoder.class)));
    }
}
