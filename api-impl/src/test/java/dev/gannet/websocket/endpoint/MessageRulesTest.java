package dev.gannet.websocket.endpoint;

import static dev.gannet.websocket.endpoint.Rejections.assertRejected;

import dev.gannet.websocket.endpoint.TestCoders.BarDecoder;
import dev.gannet.websocket.endpoint.TestCoders.Foo;
import dev.gannet.websocket.endpoint.TestCoders.FooDecoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Each @OnMessage rule that makes a deployment fail, with the message it gives. */
class MessageRulesTest {

    @ServerEndpoint("/x")
    public static class TwoText {
        @OnMessage
        public void a(String s) {
        }

        @OnMessage
        public void b(Reader r) {
        }
    }

    @ServerEndpoint("/x")
    public static class TwoBinary {
        @OnMessage
        public void a(ByteBuffer b) {
        }

        @OnMessage
        public void b(InputStream in, Session s) {
        }
    }

    @ServerEndpoint("/x")
    public static class TwoPong {
        @OnMessage
        public void a(PongMessage p) {
        }

        @OnMessage
        public void b(PongMessage p, Session s) {
        }
    }

    /** A decoded type counts as its decoder's native type: this is a second text handler. */
    @ServerEndpoint(value = "/x", decoders = FooDecoder.class)
    public static class TextAndDecodedText {
        @OnMessage
        public void a(String s) {
        }

        @OnMessage
        public void b(Foo f) {
        }
    }

    @ServerEndpoint("/x")
    public static class NoMessageParameter {
        @OnMessage
        public void a(Session s, @PathParam("id") String id) {
        }
    }

    @ServerEndpoint("/x")
    public static class UndecodableType {
        @OnMessage
        public void a(Foo f) {
        }
    }

    @ServerEndpoint(value = "/x", decoders = BarDecoder.class)
    public static class UndecodableTypeWithOtherDecoder {
        @OnMessage
        public void a(Foo f) {
        }
    }

    @ServerEndpoint("/x")
    public static class ConfigAsMessage {
        @OnMessage
        public void a(String s, EndpointConfig c) {
        }
    }

    @ServerEndpoint("/x")
    public static class ThreeMessageParameters {
        @OnMessage
        public void a(String s, boolean last, int extra) {
        }
    }

    @ServerEndpoint("/x")
    public static class PartialInteger {
        @OnMessage
        public void a(Integer i, boolean last) {
        }
    }

    @ServerEndpoint("/x")
    public static class PartialReader {
        @OnMessage
        public void a(boolean last, Reader r) {
        }
    }

    @ServerEndpoint("/x")
    public static class PartialWithBoxedFlag {
        @OnMessage
        public void a(String s, Boolean last) {
        }
    }

    @ServerEndpoint("/x")
    public static class BadReturnType {
        @OnMessage
        public Foo a(String s) {
            return null;
        }
    }

    @ServerEndpoint("/x")
    public static class ObjectReturnType {
        @OnMessage
        public Object a(String s) {
            return s;
        }
    }

    @ServerEndpoint("/x")
    public static class TooLarge {
        @OnMessage(maxMessageSize = Integer.MAX_VALUE + 1L)
        public void a(String s) {
        }
    }

    @ServerEndpoint("/x")
    public static class ZeroSize {
        @OnMessage(maxMessageSize = 0)
        public void a(byte[] b) {
        }
    }

    @ServerEndpoint("/x")
    public static class NegativeSize {
        @OnMessage(maxMessageSize = -2)
        public void a(byte[] b) {
        }
    }

    @ServerEndpoint("/x")
    public static class BadPathParamOnMessage {
        @OnMessage
        public void a(String s, @PathParam("when") java.util.Date when) {
        }
    }

    @ServerEndpoint("/x")
    public static class TwoSessions {
        @OnMessage
        public void a(Session s1, String s, Session s2) {
        }
    }

    @ServerEndpoint("/x")
    public static class NonPublic {
        @OnMessage
        protected void a(String s) {
        }
    }

    @Test
    void oneTextHandler() {
        assertRejected(TwoText.class, true, "@OnMessage for text messages is already on",
                "at most one @OnMessage method per native message type (text, binary, pong)");
    }

    @Test
    void oneBinaryHandler() {
        assertRejected(TwoBinary.class, true, "@OnMessage for binary messages is already on");
    }

    @Test
    void onePongHandler() {
        assertRejected(TwoPong.class, true, "@OnMessage for pong messages is already on");
    }

    @Test
    void decodedTypesCountForTheirNativeType() {
        assertRejected(TextAndDecodedText.class, true, "@OnMessage for text messages is already on");
    }

    @Test
    void messageParameterIsMandatory() {
        assertRejected(NoMessageParameter.class, true, "NoMessageParameter.a(Session, String)",
                "no message parameter", "accepted: exactly one of String");
    }

    @Test
    void applicationTypeNeedsADecoder() {
        assertRejected(UndecodableType.class, true, "type " + Foo.class.getName() + " with no decoder declared",
                "(the endpoint declares none)", "or a type with a decoder declared on the endpoint");
    }

    @Test
    void applicationTypeNeedsAMatchingDecoder() {
        assertRejected(UndecodableTypeWithOtherDecoder.class, true, "declared: [BarDecoder->Bar]");
    }

    @Test
    void endpointConfigIsNotAMessageParameter() {
        assertRejected(ConfigAsMessage.class, true, "two message parameters", "neither is the boolean");
    }

    @Test
    void atMostMessageAndFlag() {
        assertRejected(ThreeMessageParameters.class, true, "more than two message parameters (3 of type int)");
    }

    @Test
    void partsOnlyForStringAndBinary() {
        assertRejected(PartialInteger.class, true, "a partial form (message parameter plus boolean) for"
                + " java.lang.Integer", "String, ByteBuffer or byte[]");
    }

    @Test
    void readerCannotBePartial() {
        assertRejected(PartialReader.class, true, "partial form", "java.io.Reader");
    }

    @Test
    void partialFlagMustBePrimitiveBoolean() {
        assertRejected(PartialWithBoxedFlag.class, true, "neither is the boolean 'last' flag");
    }

    @Test
    void returnTypeNeedsAnEncoder() {
        assertRejected(BadReturnType.class, true, "return type " + Foo.class.getName() + " has no encoder",
                "accepted: void, String, ByteBuffer, byte[], a Java primitive or its box");
    }

    @Test
    void objectReturnTypeNeedsAnEncoder() {
        assertRejected(ObjectReturnType.class, true, "return type java.lang.Object has no encoder");
    }

    @Test
    void maxMessageSizeAboveIntegerMaxValue() {
        assertRejected(TooLarge.class, true, "maxMessageSize = 2147483648", "larger than Integer.MAX_VALUE");
    }

    @Test
    void maxMessageSizeZero() {
        assertRejected(ZeroSize.class, true, "maxMessageSize = 0", "accepted: -1 (no limit) or 1..");
    }

    @Test
    void maxMessageSizeBelowMinusOne() {
        assertRejected(NegativeSize.class, true, "maxMessageSize = -2");
    }

    @Test
    void pathParamTypeOnMessage() {
        assertRejected(BadPathParamOnMessage.class, true, "@PathParam(\"when\") parameter 2 of @OnMessage",
                "java.util.Date");
    }

    @Test
    void oneSessionOnMessage() {
        assertRejected(TwoSessions.class, true, "more than one Session parameter");
    }

    @Test
    void messageMethodMustBePublic() {
        assertRejected(NonPublic.class, true, "@OnMessage method is not public");
    }
}
