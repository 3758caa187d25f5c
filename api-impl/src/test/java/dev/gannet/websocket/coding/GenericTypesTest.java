package dev.gannet.websocket.coding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.MessageHandler;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericTypesTest {

    interface Middle<X, Y> extends MessageHandler.Whole<Y> {
    }

    abstract static class Base<T> implements MessageHandler.Whole<T> {
    }

    static final class Concrete extends Base<Integer> {
        @Override
        public void onMessage(Integer message) {
        }
    }

    static final class ViaInterface implements Middle<String, Long> {
        @Override
        public void onMessage(Long message) {
        }
    }

    static class Open<T> implements MessageHandler.Whole<T> {
        @Override
        public void onMessage(T message) {
        }
    }

    static final class ListDecoder implements Decoder.Text<List<String>> {
        @Override
        public List<String> decode(String s) {
            return List.of(s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    static final class ArrayEncoder implements Encoder.Binary<int[]> {
        @Override
        public ByteBuffer encode(int[] object) {
            return ByteBuffer.allocate(0);
        }
    }

    @Test
    void resolvesThroughSuperclassesAndInterfaces() {
        assertEquals(Integer.class, GenericTypes.resolve(Concrete.class, MessageHandler.Whole.class, 0));
        assertEquals(Long.class, GenericTypes.resolve(ViaInterface.class, MessageHandler.Whole.class, 0));
        assertEquals(List.class, GenericTypes.resolve(ListDecoder.class, Decoder.Text.class, 0));
        assertEquals(int[].class, GenericTypes.resolve(ArrayEncoder.class, Encoder.Binary.class, 0));
        MessageHandler.Partial<ByteBuffer> anonymous = new MessageHandler.Partial<>() {
            @Override
            public void onMessage(ByteBuffer partialMessage, boolean last) {
            }
        };
        assertEquals(ByteBuffer.class, GenericTypes.resolve(anonymous.getClass(), MessageHandler.Partial.class, 0));
        Middle<Object, String> viaMiddle = new Middle<>() {
            @Override
            public void onMessage(String message) {
            }
        };
        assertEquals(String.class, GenericTypes.resolve(viaMiddle.getClass(), MessageHandler.Whole.class, 0));
    }

    @Test
    void unknownWhenErasedOrLambda() {
        MessageHandler.Whole<String> lambda = s -> { };
        assertNull(GenericTypes.resolve(lambda.getClass(), MessageHandler.Whole.class, 0));
        assertNull(GenericTypes.resolve(new Open<String>().getClass(), MessageHandler.Whole.class, 0));
        assertNull(GenericTypes.resolve(Map.class, MessageHandler.Whole.class, 0));
    }
}
