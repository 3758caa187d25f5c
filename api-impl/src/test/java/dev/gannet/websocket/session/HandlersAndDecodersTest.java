package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.transport.InMemoryTransport;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** addMessageHandler rules and decoded delivery (willDecode selection, primitives, DecodeException). */
@Timeout(20)
class HandlersAndDecodersTest extends WithHarness {

    public record Temperature(double celsius) {
    }

    public record Command(String verb) {
    }

    static final AtomicInteger INITS = new AtomicInteger();
    static final AtomicInteger DESTROYS = new AtomicInteger();

    /** Decodes "t:NN"; declines anything else. */
    public static final class TemperatureDecoder implements Decoder.Text<Temperature> {
        @Override
        public void init(EndpointConfig config) {
            INITS.incrementAndGet();
        }

        @Override
        public void destroy() {
            DESTROYS.incrementAndGet();
        }

        @Override
        public Temperature decode(String s) throws DecodeException {
            try {
                return new Temperature(Double.parseDouble(s.substring(2)));
            } catch (NumberFormatException e) {
                throw new DecodeException(s, "bad temperature", e);
            }
        }

        @Override
        public boolean willDecode(String s) {
            return s.startsWith("t:");
        }
    }

    /** A second decoder for a common supertype, asked only when the first declines. */
    public static final class CommandDecoder implements Decoder.Text<Command> {
        @Override
        public Command decode(String s) {
            return new Command(s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static final class BytesCountDecoder implements Decoder.Binary<Integer> {
        @Override
        public Integer decode(ByteBuffer bytes) {
            return bytes.remaining();
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }
    }

    private static EndpointConfig decoders() {
        return Harness.config(List.of(TemperatureDecoder.class, CommandDecoder.class, BytesCountDecoder.class), List.of());
    }

    @Test
    void oneHandlerPerNativeType() throws Exception {
        h = Harness.server(s -> { });
        h.session.addMessageHandler(String.class, (MessageHandler.Whole<String>) x -> { });
        assertThrows(IllegalStateException.class,
                () -> h.session.addMessageHandler(Reader.class, (MessageHandler.Whole<Reader>) x -> { }));
        assertThrows(IllegalStateException.class,
                () -> h.session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (x, l) -> { }));
        assertThrows(IllegalStateException.class,
                () -> h.session.addMessageHandler(Integer.class, (MessageHandler.Whole<Integer>) x -> { }));
        MessageHandler.Whole<ByteBuffer> bin = x -> { };
        h.session.addMessageHandler(ByteBuffer.class, bin);
        assertThrows(IllegalStateException.class,
                () -> h.session.addMessageHandler(InputStream.class, (MessageHandler.Whole<InputStream>) x -> { }));
        h.session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) x -> { });
        assertEquals(3, h.session.getMessageHandlers().size());
        h.session.removeMessageHandler(bin);
        assertEquals(2, h.session.getMessageHandlers().size());
        h.session.addMessageHandler(byte[].class, (MessageHandler.Partial<byte[]>) (x, l) -> { });
        assertThrows(IllegalStateException.class,
                () -> h.session.addMessageHandler(Object.class, (MessageHandler.Whole<Object>) x -> { }));
    }

    @Test
    void typeOfAnAnonymousHandlerIsResolvedAndALambdaIsRefused() throws Exception {
        h = Harness.server(s -> { });
        h.session.addMessageHandler(new MessageHandler.Whole<ByteBuffer>() {
            @Override
            public void onMessage(ByteBuffer message) {
            }
        });
        MessageHandler.Whole<String> lambda = x -> { };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.session.addMessageHandler(lambda));
        assertTrue(e.getMessage().contains("addMessageHandler(Class"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> h.session.addMessageHandler(
                java.util.Date.class, (MessageHandler.Partial<java.util.Date>) (x, l) -> { }));
    }

    @Test
    void decodersAreChosenByWillDecodeAndPrimitivesAreBuiltIn() throws Exception {
        int initsBefore = INITS.get();
        h = Harness.server(s -> s.addMessageHandler(Record.class, (MessageHandler.Whole<Record>) r -> h.endpoint.events.add(r)),
                SessionSettings.defaults(), decoders(), InMemoryTransport.DEFAULT_CAPACITY);
        assertEquals(initsBefore + 1, INITS.get(), "decoders are instantiated and initialised per session");
        h.peer.sendText("t:21.5");
        assertEquals(new Temperature(21.5), h.endpoint.event(5000));
        h.peer.sendText("open");
        assertEquals(new Command("open"), h.endpoint.event(5000));
        h.session.addMessageHandler(Integer.class, (MessageHandler.Whole<Integer>) n -> h.endpoint.events.add(n));
        h.peer.sendBinary(new byte[7]);
        assertEquals(7, h.endpoint.event(5000));
        int destroysBefore = DESTROYS.get();
        h.peer.sendClose(1000, "");
        h.endpoint.close(5000);
        assertTrue(h.awaitEnded(5000));
        assertEquals(destroysBefore + 1, DESTROYS.get(), "decoders are destroyed when the session ends");
    }

    @Test
    void builtInPrimitiveDecodersAndDecodeExceptionToOnError() throws Exception {
        h = Harness.server(s -> s.addMessageHandler(Integer.class, (MessageHandler.Whole<Integer>) n -> h.endpoint.events.add(n)));
        h.peer.sendText("42");
        assertEquals(42, h.endpoint.event(5000));
        h.peer.sendText("forty-two");
        Throwable t = h.endpoint.error(5000);
        assertInstanceOf(DecodeException.class, t);
        assertEquals("forty-two", ((DecodeException) t).getText());
        assertTrue(h.session.isOpen());
    }

    @Test
    void decodeExceptionFromAUserDecoderReachesOnError() throws Exception {
        h = Harness.server(s -> s.addMessageHandler(Temperature.class,
                        (MessageHandler.Whole<Temperature>) r -> h.endpoint.events.add(r)),
                SessionSettings.defaults(), decoders(), InMemoryTransport.DEFAULT_CAPACITY);
        h.peer.sendText("t:hot");
        assertInstanceOf(DecodeException.class, h.endpoint.error(5000));
        h.peer.sendText("nope"); // no decoder of Temperature will decode it
        assertInstanceOf(DecodeException.class, h.endpoint.error(5000));
    }

    /** Decodes only texts starting with "up:", upper-casing them. */
    public static final class ShoutingDecoder implements Decoder.Text<String> {
        @Override
        public String decode(String s) {
            return s.substring(3).toUpperCase();
        }

        @Override
        public boolean willDecode(String s) {
            return s.startsWith("up:");
        }
    }

    @Test
    void configuredDecodersForStringAreTriedFirstThenTheTextItself() throws Exception {
        h = Harness.server(s -> s.addMessageHandler(String.class, (MessageHandler.Whole<String>) t -> h.endpoint.events.add(t)),
                SessionSettings.defaults(), Harness.config(List.of(ShoutingDecoder.class), List.of()),
                InMemoryTransport.DEFAULT_CAPACITY);
        h.peer.sendText("up:hello");
        assertEquals("HELLO", h.endpoint.event(5000));
        h.peer.sendText("plain");
        assertEquals("plain", h.endpoint.event(5000));
    }

    public static final class TaggingReaderDecoder implements Decoder.Text<Reader> {
        @Override
        public Reader decode(String s) {
            return new java.io.StringReader("decoded:" + s);
        }

        @Override
        public boolean willDecode(String s) {
            return !s.startsWith("raw:");
        }
    }

    public static final class TaggingStreamDecoder implements Decoder.Binary<InputStream> {
        @Override
        public InputStream decode(ByteBuffer b) {
            byte[] tag = "decoded:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] out = new byte[tag.length + b.remaining()];
            System.arraycopy(tag, 0, out, 0, tag.length);
            b.get(out, tag.length, b.remaining());
            return new java.io.ByteArrayInputStream(out);
        }

        @Override
        public boolean willDecode(ByteBuffer b) {
            return b.remaining() > 1;
        }
    }

    @Test
    void configuredDecodersForReaderAndInputStreamAreTriedFirstThenTheMessageItself() throws Exception {
        // Spec 4.1.3: a configured decoder for the handler's type is used, also for the stream types.
        h = Harness.server(s -> {
            s.addMessageHandler(Reader.class, (MessageHandler.Whole<Reader>) r -> {
                try {
                    h.endpoint.events.add(new java.io.BufferedReader(r).readLine());
                } catch (java.io.IOException e) {
                    h.endpoint.events.add(e);
                }
            });
            s.addMessageHandler(InputStream.class, (MessageHandler.Whole<InputStream>) in -> {
                try {
                    h.endpoint.events.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    h.endpoint.events.add(e);
                }
            });
        }, SessionSettings.defaults(),
                Harness.config(List.of(TaggingReaderDecoder.class, TaggingStreamDecoder.class), List.of()),
                InMemoryTransport.DEFAULT_CAPACITY);
        h.peer.sendText("hello");
        assertEquals("decoded:hello", h.endpoint.event(5000));
        h.peer.sendText("raw:as sent");
        assertEquals("raw:as sent", h.endpoint.event(5000));
        h.peer.sendBinary("ab".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("decoded:ab", h.endpoint.event(5000));
        h.peer.sendBinary("z".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("z", h.endpoint.event(5000));
    }

    @Test
    void handlerChosenAtTheFirstFrameServesTheWholeMessage() throws Exception {
        h = Harness.server(s -> { });
        MessageHandler.Whole<String> first = text -> {
            h.endpoint.events.add("first:" + text);
        };
        h.session.addMessageHandler(String.class, first);
        h.peer.sendFrame(dev.gannet.websocket.protocol.OpCode.TEXT, false, 0, "a".getBytes());
        // Frames are handled in order on the inbound path: once the pong for a ping sent after the
        // first fragment is back, that fragment chose its handler. No sleep.
        h.peer.sendPing(new byte[] {7});
        RawPeer.Frame pong = h.peer.next(5000);
        assertEquals(dev.gannet.websocket.protocol.OpCode.PONG, pong.opcode());
        h.session.removeMessageHandler(first);
        h.session.addMessageHandler(String.class, (MessageHandler.Whole<String>) t -> h.endpoint.events.add("second:" + t));
        h.peer.sendFrame(dev.gannet.websocket.protocol.OpCode.CONTINUATION, true, 0, "b".getBytes());
        assertEquals("first:ab", h.endpoint.event(5000));
        h.peer.sendText("c");
        assertEquals("second:c", h.endpoint.event(5000));
    }
}
