package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.CloseCodes;
import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Receiving: whole, partial, streams, pongs, pings, limits, UTF-8 validation. */
@Timeout(20)
class SessionMessagingTest extends WithHarness {

    @Test
    void echoesWholeTextWithABlockingSendFromOnMessage() throws Exception {
        h = Harness.server(s -> s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            try {
                s.getBasicRemote().sendText("echo:" + text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        h.peer.sendText("hello");
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(OpCode.TEXT, f.opcode());
        assertTrue(f.fin());
        assertEquals("echo:hello", f.text());
    }

    @Test
    void deliversFragmentedTextWholeAndBinaryAsByteArray() throws Exception {
        h = Harness.server(s -> {
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> h.endpoint.events.add(text));
            s.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) b -> h.endpoint.events.add(b));
        });
        byte[] euro = "€uro".getBytes(StandardCharsets.UTF_8);
        h.peer.sendFrame(OpCode.TEXT, false, 0, Arrays.copyOfRange(euro, 0, 2)); // split inside '€'
        h.peer.sendFrame(OpCode.CONTINUATION, true, 0, Arrays.copyOfRange(euro, 2, euro.length));
        assertEquals("€uro", h.endpoint.event(5000));
        h.peer.sendBinary(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) h.endpoint.event(5000));
    }

    @Test
    void deliversPartialMessagesWithLastFlag() throws Exception {
        h = Harness.server(s -> {
            s.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) ->
                    h.endpoint.events.add(part + "|" + last));
            s.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) ->
                    h.endpoint.events.add(part.remaining() + "|" + last));
        });
        h.peer.sendFrame(OpCode.TEXT, false, 0, "ab".getBytes(StandardCharsets.UTF_8));
        h.peer.sendFrame(OpCode.CONTINUATION, true, 0, "cd".getBytes(StandardCharsets.UTF_8));
        assertEquals("ab|false", h.endpoint.event(5000));
        assertEquals("cd|true", h.endpoint.event(5000));
        h.peer.sendFrame(OpCode.BINARY, false, 0, new byte[3]);
        h.peer.sendFrame(OpCode.CONTINUATION, true, 0, new byte[4]);
        assertEquals("3|false", h.endpoint.event(5000));
        assertEquals("4|true", h.endpoint.event(5000));
    }

    @Test
    void partialTextNeverSplitsACharacterAndChunksAtTheBufferSize() throws Exception {
        h = Harness.server(s -> {
            s.setMaxTextMessageBufferSize(5);
            s.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) ->
                    h.endpoint.events.add(part + "|" + last));
        });
        h.peer.sendText("aaaa€b"); // 4 + 3 + 1 bytes, limit 5: "aaaa" then "€b"
        StringBuilder all = new StringBuilder();
        String ev;
        do {
            ev = (String) h.endpoint.event(5000);
            all.append(ev, 0, ev.lastIndexOf('|'));
        } while (!ev.endsWith("|true"));
        assertEquals("aaaa€b", all.toString());
        assertTrue(h.session.isOpen(), "partial handlers are not limited by the buffer size");
    }

    @Test
    void streamsLargeBinaryMessageThroughInputStreamWhileFramesArrive() throws Exception {
        int size = 1_000_000; // far above the 64 KiB pipe and the buffer size
        h = Harness.server(s -> s.addMessageHandler(InputStream.class, (MessageHandler.Whole<InputStream>) in -> {
            try {
                long total = 0;
                long sum = 0;
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        sum += buf[i] & 0xFF;
                    }
                    total += n;
                }
                h.endpoint.events.add(total + ":" + sum);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        byte[] chunk = new byte[100_000];
        long sum = 0;
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) i;
            sum += chunk[i] & 0xFF;
        }
        for (int i = 0; i < 10; i++) {
            h.peer.sendFrame(i == 0 ? OpCode.BINARY : OpCode.CONTINUATION, i == 9, 0, chunk);
        }
        assertEquals(size + ":" + (sum * 10), h.endpoint.event(10000));
        assertTrue(h.session.isOpen());
    }

    @Test
    void streamsTextThroughReader() throws Exception {
        h = Harness.server(s -> s.addMessageHandler(Reader.class, (MessageHandler.Whole<Reader>) r -> {
            try {
                StringBuilder sb = new StringBuilder();
                char[] buf = new char[100];
                int n;
                while ((n = r.read(buf)) > 0) {
                    sb.append(buf, 0, n);
                }
                h.endpoint.events.add(sb.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        h.peer.sendFrame(OpCode.TEXT, false, 0, "Grüße ".getBytes(StandardCharsets.UTF_8));
        h.peer.sendFrame(OpCode.CONTINUATION, true, 0, "aus Köln".getBytes(StandardCharsets.UTF_8));
        assertEquals("Grüße aus Köln", h.endpoint.event(5000));
    }

    @Test
    void answersPingWithPongAndDeliversPongs() throws Exception {
        h = Harness.server(s -> s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) p ->
                h.endpoint.events.add(p.getApplicationData().remaining())));
        h.peer.sendPing(new byte[] {7, 8});
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(OpCode.PONG, f.opcode());
        assertArrayEquals(new byte[] {7, 8}, f.payload());
        h.peer.sendFrame(OpCode.PONG, true, 0, new byte[5]);
        assertEquals(5, h.endpoint.event(5000));
    }

    @Test
    void oversizedTextClosesWith1009BeforeThePayloadArrives() throws Exception {
        h = Harness.server(s -> {
            s.setMaxTextMessageBufferSize(1000);
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> h.endpoint.events.add(text));
        });
        // Only the header of a 10 MB frame: the session must not wait for (or buffer) the payload.
        byte[] header = {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, (byte) 0x98, (byte) 0x96, (byte) 0x80, 1, 2, 3, 4};
        h.peer.sendRaw(header);
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(OpCode.CLOSE, f.opcode());
        assertEquals(CloseCodes.TOO_BIG, f.close().code());
        assertEquals(1009, h.endpoint.close(5000).getCloseCode().getCode());
        // Open until onClose has returned; the test saw onClose from inside it.
        for (long end = System.nanoTime() + 5_000_000_000L; h.session.isOpen() && System.nanoTime() < end; ) {
            Thread.onSpinWait();
        }
        assertFalse(h.session.isOpen());
        assertTrue(h.endpoint.events.isEmpty());
    }

    @Test
    void oversizedFragmentedBinaryClosesWith1009AsSoonAsTheLimitIsPassed() throws Exception {
        h = Harness.server(s -> {
            s.setMaxBinaryMessageBufferSize(100);
            s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> h.endpoint.events.add(b));
        });
        h.peer.sendFrame(OpCode.BINARY, false, 0, new byte[60]);
        h.peer.sendFrame(OpCode.CONTINUATION, false, 0, new byte[60]);
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(CloseCodes.TOO_BIG, f.close().code());
        assertEquals(1009, h.endpoint.close(5000).getCloseCode().getCode());
    }

    @Test
    void invalidUtf8ClosesWith1007MidFrame() throws Exception {
        h = Harness.server(s -> s.addMessageHandler(String.class,
                (MessageHandler.Whole<String>) text -> h.endpoint.events.add(text)));
        // Frame header announces 1000 bytes; the first two are invalid: fail before the rest arrives.
        byte[] start = {(byte) 0x81, (byte) (0x80 | 126), 0x03, (byte) 0xE8, 0, 0, 0, 0, (byte) 0xC0, (byte) 0xAF};
        h.peer.sendRaw(start);
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(CloseCodes.INVALID_PAYLOAD, f.close().code());
        assertEquals(1007, h.endpoint.close(5000).getCloseCode().getCode());
    }

    @Test
    void protocolErrorClosesWith1002AndEndsTheSession() throws Exception {
        h = Harness.server(s -> { });
        h.peer.sendFrame(OpCode.CONTINUATION, true, 0, new byte[1]); // continuation with no message
        assertEquals(CloseCodes.PROTOCOL_ERROR, h.peer.next(5000).close().code());
        assertEquals(1002, h.endpoint.close(5000).getCloseCode().getCode());
        assertTrue(h.peer.awaitEof(5000));
        assertTrue(h.awaitEnded(5000));
        assertEquals(1, h.closeListenerCalls());
    }
}
