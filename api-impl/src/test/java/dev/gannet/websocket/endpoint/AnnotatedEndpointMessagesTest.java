package dev.gannet.websocket.endpoint;

import static dev.gannet.websocket.endpoint.Wire.WAIT_MS;
import static dev.gannet.websocket.endpoint.Wire.next;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gannet.websocket.endpoint.TestCoders.Bar;
import dev.gannet.websocket.endpoint.TestCoders.BarEncoder;
import dev.gannet.websocket.endpoint.TestCoders.BarStreamDecoder;
import dev.gannet.websocket.endpoint.TestCoders.Foo;
import dev.gannet.websocket.endpoint.TestCoders.FooDecoder;
import dev.gannet.websocket.endpoint.TestCoders.FooEncoder;
import dev.gannet.websocket.endpoint.TestCoders.FooStreamDecoder;
import dev.gannet.websocket.endpoint.TestCoders.HexIntEncoder;
import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.session.RawPeer;
import jakarta.websocket.DecodeException;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/** Every @OnMessage parameter form receiving real frames through a WsSession, and return values sent back. */
class AnnotatedEndpointMessagesTest {

    static String text(RawPeer.Frame f) {
        assertEquals(OpCode.TEXT, f.opcode(), "opcode");
        return new String(f.payload(), StandardCharsets.UTF_8);
    }

    static byte[] binary(RawPeer.Frame f) {
        assertEquals(OpCode.BINARY, f.opcode(), "opcode");
        return f.payload();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String text(Session session, String message) {
            return "echo:" + message + ":" + session.isOpen();
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer message) {
            ByteBuffer copy = ByteBuffer.allocate(message.remaining() + 1);
            return copy.put(message).put((byte) 0x7f).flip();
        }

        @OnMessage
        public void pong(PongMessage pong, Session session) throws IOException {
            ByteBuffer data = pong.getApplicationData();
            byte[] a = new byte[data.remaining()];
            data.get(a);
            session.getBasicRemote().sendText("pong:" + new String(a, StandardCharsets.UTF_8));
        }
    }

    @Test
    void wholeStringWholeByteBufferAndPong() throws Exception {
        try (Wire w = Wire.open(new Echo())) {
            w.peer.sendText("hi");
            assertEquals("echo:hi:true", text(w.peer.next(WAIT_MS)));
            w.peer.sendBinary(new byte[] {1, 2});
            assertArrayEquals(new byte[] {1, 2, 0x7f}, binary(w.peer.next(WAIT_MS)));
            w.peer.sendFrame(OpCode.PONG, true, 0, utf8("beat"));
            assertEquals("pong:beat", text(w.peer.next(WAIT_MS)));
        }
    }

    @ServerEndpoint("/primitives")
    public static class Primitives {
        final BlockingQueue<Throwable> errors = Wire.queue();

        @OnMessage
        public long doubled(int n) {
            return 2L * n;
        }

        @OnMessage
        public byte[] bytes(byte[] message) {
            return new byte[] {(byte) message.length};
        }

        @OnError
        public void error(Throwable t) {
            errors.add(t);
        }
    }

    @Test
    void primitiveParameterAndPrimitiveReturnAndByteArrays() throws Exception {
        Primitives endpoint = new Primitives();
        try (Wire w = Wire.open(endpoint)) {
            w.peer.sendText("21");
            assertEquals("42", text(w.peer.next(WAIT_MS)));
            w.peer.sendText("twenty");
            assertInstanceOf(DecodeException.class, next(endpoint.errors));
            w.peer.sendBinary(new byte[5]);
            assertArrayEquals(new byte[] {5}, binary(w.peer.next(WAIT_MS)));
        }
    }

    @ServerEndpoint("/boxes")
    public static class Boxes {
        @OnMessage
        public Character first(Boolean flag) {
            return flag ? 'T' : 'F';
        }
    }

    @Test
    void boxedParameterAndBoxedReturn() throws Exception {
        try (Wire w = Wire.open(new Boxes())) {
            w.peer.sendText("true");
            assertEquals("T", text(w.peer.next(WAIT_MS)));
            w.peer.sendText("nope");
            assertEquals("F", text(w.peer.next(WAIT_MS)));
        }
    }

    @ServerEndpoint("/parts")
    public static class Parts {
        final StringBuilder text = new StringBuilder();
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        @OnMessage
        public String text(boolean last, String part) {
            text.append(part);
            return last ? "text:" + text : null;
        }

        @OnMessage
        public byte[] binary(byte[] part, boolean last) {
            bytes.writeBytes(part);
            return last ? bytes.toByteArray() : null;
        }
    }

    @Test
    void partialStringsAndByteArrays() throws Exception {
        try (Wire w = Wire.open(new Parts())) {
            w.peer.sendFrame(OpCode.TEXT, false, 0, utf8("ab"));
            w.peer.sendFrame(OpCode.CONTINUATION, false, 0, utf8("cd"));
            w.peer.sendFrame(OpCode.CONTINUATION, true, 0, utf8("é"));
            // Nothing is sent for the non-final parts (null return), then the assembled text.
            assertEquals("text:abcdé", text(w.peer.next(WAIT_MS)));
            w.peer.sendFrame(OpCode.BINARY, false, 0, new byte[] {1});
            w.peer.sendFrame(OpCode.CONTINUATION, true, 0, new byte[] {2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, binary(w.peer.next(WAIT_MS)));
        }
    }

    @ServerEndpoint("/bufferparts")
    public static class BufferParts {
        int total;

        @OnMessage
        public Integer binary(ByteBuffer part, boolean last, Session s) {
            total += part.remaining();
            return last ? total : null;
        }
    }

    @Test
    void partialByteBuffers() throws Exception {
        try (Wire w = Wire.open(new BufferParts())) {
            w.peer.sendFrame(OpCode.BINARY, false, 0, new byte[3]);
            w.peer.sendFrame(OpCode.CONTINUATION, true, 0, new byte[4]);
            assertEquals("7", text(w.peer.next(WAIT_MS)));
        }
    }

    @ServerEndpoint("/streams")
    public static class Streams {
        @OnMessage
        public String read(Reader reader) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c; (c = reader.read()) >= 0; ) {
                b.append((char) c);
            }
            return "read:" + b;
        }

        @OnMessage
        public int stream(InputStream in) throws IOException {
            return in.readAllBytes().length;
        }
    }

    @Test
    void readerAndInputStream() throws Exception {
        try (Wire w = Wire.open(new Streams())) {
            w.peer.sendFrame(OpCode.TEXT, false, 0, utf8("str"));
            w.peer.sendFrame(OpCode.CONTINUATION, true, 0, utf8("eam"));
            assertEquals("read:stream", text(w.peer.next(WAIT_MS)));
            w.peer.sendBinary(new byte[1000]);
            assertEquals("1000", text(w.peer.next(WAIT_MS)));
        }
    }

    @ServerEndpoint(value = "/decoded", decoders = {FooDecoder.class, BarStreamDecoder.class},
            encoders = {FooEncoder.class, BarEncoder.class, HexIntEncoder.class})
    public static class Decoded {
        final BlockingQueue<Throwable> errors = Wire.queue();

        @OnMessage
        public Foo text(Foo foo) {
            return new Foo(foo.value.toUpperCase());
        }

        @OnMessage
        public Bar binary(Bar bar) {
            byte[] b = bar.bytes.clone();
            b[0]++;
            return new Bar(b);
        }

        @OnError
        public void error(Throwable t) {
            errors.add(t);
        }
    }

    @Test
    void decodedTypesAndEncodedReturns() throws Exception {
        Decoded endpoint = new Decoded();
        try (Wire w = Wire.open(endpoint)) {
            w.peer.sendText("foo:abc");
            assertEquals("foo:ABC", text(w.peer.next(WAIT_MS)));
            w.peer.sendBinary(new byte[] {9, 9});
            assertArrayEquals(new byte[] {10, 9}, binary(w.peer.next(WAIT_MS)));
            w.peer.sendText("bar:abc");
            assertInstanceOf(DecodeException.class, next(endpoint.errors));
        }
    }

    @ServerEndpoint(value = "/streamdecoded", decoders = FooStreamDecoder.class, encoders = HexIntEncoder.class)
    public static class StreamDecoded {
        @OnMessage
        public int text(Foo foo) {
            return foo.value.length();
        }
    }

    @Test
    void textStreamDecoderAndEncoderForABoxWinsOverToString() throws Exception {
        try (Wire w = Wire.open(new StreamDecoded())) {
            w.peer.sendText("x".repeat(42));
            assertEquals("0x2a", text(w.peer.next(WAIT_MS)));
        }
    }
}
