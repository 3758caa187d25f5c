package dev.gannet.websocket.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gannet.websocket.endpoint.MessageMethod.ReturnKind;
import dev.gannet.websocket.endpoint.TestCoders.Bar;
import dev.gannet.websocket.endpoint.TestCoders.BarDecoder;
import dev.gannet.websocket.endpoint.TestCoders.BarEncoder;
import dev.gannet.websocket.endpoint.TestCoders.BarStreamDecoder;
import dev.gannet.websocket.endpoint.TestCoders.Foo;
import dev.gannet.websocket.endpoint.TestCoders.FooDecoder;
import dev.gannet.websocket.endpoint.TestCoders.FooEncoder;
import dev.gannet.websocket.endpoint.TestCoders.FooStreamDecoder;
import dev.gannet.websocket.endpoint.TestCoders.HexIntEncoder;
import dev.gannet.websocket.endpoint.TestCoders.IntBinaryDecoder;
import dev.gannet.websocket.endpoint.TestCoders.SubFoo;
import dev.gannet.websocket.endpoint.TestCoders.SubFooDecoder;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Every allowed @OnMessage form is accepted and classified (native type, parts, handler type, return). */
class MessageFormsTest {

    @ServerEndpoint("/t/{id}")
    public static class Texts {
        @OnMessage(maxMessageSize = 1024)
        public String text(Session s, String msg, @PathParam("id") long id) {
            return msg;
        }

        @OnMessage
        public int binary(byte[] msg) {
            return msg.length;
        }

        @OnMessage
        public void pong(PongMessage pong) {
        }
    }

    @ClientEndpoint
    public static class Parts {
        @OnMessage(maxMessageSize = 10)
        public void text(boolean last, String part) {
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer part, boolean last) {
            return part;
        }
    }

    @ClientEndpoint
    public static class ByteParts {
        @OnMessage
        public byte[] binary(Session s, byte[] part, boolean last) {
            return part;
        }
    }

    @ClientEndpoint
    public static class Streams {
        @OnMessage(maxMessageSize = 10)
        public void text(Reader r) {
        }

        @OnMessage
        public void binary(InputStream in) {
        }
    }

    @ClientEndpoint
    public static class Buffers {
        @OnMessage(maxMessageSize = 99)
        public Integer binary(ByteBuffer b) {
            return 1;
        }
    }

    @ClientEndpoint
    public static class PrimitiveInt {
        @OnMessage
        public void text(int i) {
        }
    }

    @ClientEndpoint
    public static class BoxedDouble {
        @OnMessage
        public void text(Double d) {
        }
    }

    @ClientEndpoint
    public static class LoneBoolean {
        @OnMessage
        public boolean text(boolean b) {
            return !b;
        }
    }

    @ClientEndpoint
    public static class BoxedChar {
        @OnMessage
        public char text(Character c) {
            return c;
        }
    }

    @ClientEndpoint(decoders = {FooDecoder.class, BarDecoder.class}, encoders = {FooEncoder.class, BarEncoder.class})
    public static class Decoded {
        @OnMessage(maxMessageSize = 5)
        public Foo text(Foo foo) {
            return foo;
        }

        @OnMessage
        public Bar binary(Session s, Bar bar) {
            return bar;
        }
    }

    @ClientEndpoint(decoders = {FooStreamDecoder.class, BarStreamDecoder.class})
    public static class StreamDecoded {
        @OnMessage
        public void text(Foo foo) {
        }

        @OnMessage
        public void binary(Bar bar) {
        }
    }

    /** The decoder's type may be a subclass of the parameter's: the decoded object still fits. */
    @ClientEndpoint(decoders = SubFooDecoder.class, encoders = FooEncoder.class)
    public static class SubtypeDecoded {
        @OnMessage
        public SubFoo text(Foo foo) {
            return null;
        }
    }

    /** A declared binary decoder for Integer turns an Integer parameter into a binary handler. */
    @ClientEndpoint(decoders = IntBinaryDecoder.class, encoders = HexIntEncoder.class)
    public static class UserDecodedInteger {
        @OnMessage
        public int binary(Integer i) {
            return i;
        }

        @OnMessage
        public void text(String s) {
        }
    }

    private static MessageMethod only(Class<?> c, boolean server, NativeType type) throws Exception {
        return AnnotatedEndpointModel.of(c, server).messageMethod(type);
    }

    private static void assertForm(MessageMethod m, boolean partial, boolean stream, Class<?> handlerType,
            ReturnKind ret, long max, boolean appliesMax) {
        assertEquals(partial, m.partial(), "partial");
        assertEquals(stream, m.stream(), "stream");
        assertEquals(handlerType, m.handlerType(), "handler type");
        assertEquals(ret, m.returnKind(), "return kind");
        assertEquals(max, m.maxMessageSize(), "max");
        assertEquals(appliesMax, m.appliesMaxMessageSize(), "applies max");
    }

    @Test
    void wholeStringByteArrayAndPong() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(Texts.class, true);
        assertEquals(3, model.messageMethods().size());
        MessageMethod text = model.messageMethod(NativeType.TEXT);
        assertForm(text, false, false, String.class, ReturnKind.TEXT, 1024, true);
        assertArrayEquals(new int[] {Invoker.SESSION, Invoker.PAYLOAD, 0}, text.invoker().sources());
        assertForm(model.messageMethod(NativeType.BINARY), false, false, byte[].class, ReturnKind.STRING_VALUE,
                -1, false);
        assertForm(model.messageMethod(NativeType.PONG), false, false, PongMessage.class, ReturnKind.NONE, -1,
                false);
    }

    @Test
    void partsOfTextAndByteBuffers() throws Exception {
        MessageMethod text = only(Parts.class, false, NativeType.TEXT);
        // maxMessageSize is recorded, but the javadoc limits it to whole messages.
        assertForm(text, true, false, String.class, ReturnKind.NONE, 10, false);
        assertArrayEquals(new int[] {Invoker.LAST, Invoker.PAYLOAD}, text.invoker().sources());
        MessageMethod binary = only(Parts.class, false, NativeType.BINARY);
        assertForm(binary, true, false, ByteBuffer.class, ReturnKind.BYTE_BUFFER, -1, false);
        assertArrayEquals(new int[] {Invoker.PAYLOAD, Invoker.LAST}, binary.invoker().sources());
    }

    @Test
    void partsOfByteArrays() throws Exception {
        assertForm(only(ByteParts.class, false, NativeType.BINARY), true, false, byte[].class,
                ReturnKind.BYTE_ARRAY, -1, false);
    }

    @Test
    void readerAndInputStream() throws Exception {
        assertForm(only(Streams.class, false, NativeType.TEXT), false, true, Reader.class, ReturnKind.NONE, 10,
                false);
        assertForm(only(Streams.class, false, NativeType.BINARY), false, true, InputStream.class,
                ReturnKind.NONE, -1, false);
    }

    @Test
    void wholeByteBufferWithLimitAndBoxedReturn() throws Exception {
        assertForm(only(Buffers.class, false, NativeType.BINARY), false, false, ByteBuffer.class,
                ReturnKind.STRING_VALUE, 99, true);
    }

    @Test
    void primitivesAndBoxesAreTextWithTheBoxAsHandlerType() throws Exception {
        assertForm(only(PrimitiveInt.class, false, NativeType.TEXT), false, false, Integer.class, ReturnKind.NONE,
                -1, false);
        assertForm(only(BoxedDouble.class, false, NativeType.TEXT), false, false, Double.class, ReturnKind.NONE,
                -1, false);
        assertForm(only(LoneBoolean.class, false, NativeType.TEXT), false, false, Boolean.class,
                ReturnKind.STRING_VALUE, -1, false);
        assertForm(only(BoxedChar.class, false, NativeType.TEXT), false, false, Character.class,
                ReturnKind.STRING_VALUE, -1, false);
    }

    @Test
    void decodedTypesTakeTheirDecodersNativeType() throws Exception {
        assertForm(only(Decoded.class, false, NativeType.TEXT), false, false, Foo.class, ReturnKind.OBJECT, 5, true);
        assertForm(only(Decoded.class, false, NativeType.BINARY), false, false, Bar.class, ReturnKind.OBJECT, -1,
                false);
        assertForm(only(StreamDecoded.class, false, NativeType.TEXT), false, false, Foo.class, ReturnKind.NONE, -1,
                false);
        assertForm(only(StreamDecoded.class, false, NativeType.BINARY), false, false, Bar.class, ReturnKind.NONE,
                -1, false);
    }

    @Test
    void decoderOfASubtypeServesTheParameterAndGenericBindingIsResolved() throws Exception {
        assertForm(only(SubtypeDecoded.class, false, NativeType.TEXT), false, false, Foo.class,
                ReturnKind.OBJECT, -1, false);
    }

    @Test
    void declaredCodersForBoxesWinOverBuiltIns() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(UserDecodedInteger.class, false);
        assertForm(model.messageMethod(NativeType.BINARY), false, false, Integer.class, ReturnKind.OBJECT, -1,
                false);
        assertForm(model.messageMethod(NativeType.TEXT), false, false, String.class, ReturnKind.NONE, -1, false);
    }
}
