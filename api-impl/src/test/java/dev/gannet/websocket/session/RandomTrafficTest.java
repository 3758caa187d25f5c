package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.MessageHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random fragmented text and binary messages with pings between fragments, echoed by the session
 * with blocking sends from onMessage: every message comes back whole and in order, every ping
 * gets its pong, nothing interleaves.
 */
@Timeout(60)
class RandomTrafficTest {

    @Test
    void randomFragmentationWithInterleavedPingsIsEchoedExactly() throws Exception {
        Random random = new Random(42);
        Harness[] ref = new Harness[1];
        Harness h = Harness.server(s -> {
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) t -> {
                try {
                    s.getBasicRemote().sendText(t);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            s.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) b -> {
                try {
                    s.getBasicRemote().sendBinary(ByteBuffer.wrap(b));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }, SessionSettings.defaults().withMaxTextMessageBufferSize(1 << 20).withMaxBinaryMessageBufferSize(1 << 20));
        ref[0] = h;
        List<byte[]> sent = new ArrayList<>();
        List<Boolean> kinds = new ArrayList<>();
        int pings = 0;
        for (int m = 0; m < 200; m++) {
            boolean text = random.nextBoolean();
            byte[] payload;
            if (text) {
                StringBuilder sb = new StringBuilder();
                int chars = random.nextInt(3000);
                for (int i = 0; i < chars; i++) {
                    int pick = random.nextInt(10);
                    sb.append(pick < 6 ? (char) ('a' + random.nextInt(26)) : pick < 8 ? 'é' : pick < 9 ? '€' : "\uD83D\uDE00");
                }
                payload = sb.toString().getBytes(StandardCharsets.UTF_8);
            } else {
                payload = new byte[random.nextInt(20_000)];
                random.nextBytes(payload);
            }
            sent.add(payload);
            kinds.add(text);
            int pos = 0;
            boolean first = true;
            do {
                int n = Math.min(payload.length - pos, random.nextInt(4000) + (random.nextInt(4) == 0 ? 0 : 1));
                boolean fin = pos + n == payload.length && (random.nextInt(5) != 0 || n == 0);
                h.peer.sendFrame(first ? (text ? OpCode.TEXT : OpCode.BINARY) : OpCode.CONTINUATION, fin, 0,
                        Arrays.copyOfRange(payload, pos, pos + n));
                pos += n;
                first = false;
                if (random.nextInt(6) == 0) {
                    h.peer.sendPing(new byte[] {(byte) pings++});
                }
                if (fin) {
                    break;
                }
            } while (true);
        }
        int pongs = 0;
        int next = 0;
        ByteArrayOutputStream current = null;
        while (next < sent.size()) {
            RawPeer.Frame f = h.peer.next(10_000);
            if (f.opcode() == OpCode.PONG) {
                assertEquals((byte) pongs, f.payload()[0], "pongs in order");
                pongs++;
                continue;
            }
            if (f.opcode() != OpCode.CONTINUATION) {
                assertEquals(null, current, "no interleaving");
                assertEquals(kinds.get(next) ? OpCode.TEXT : OpCode.BINARY, f.opcode());
                current = new ByteArrayOutputStream();
            }
            current.write(f.payload());
            if (f.fin()) {
                assertArrayEquals(sent.get(next), current.toByteArray(), "message " + next);
                next++;
                current = null;
            }
        }
        while (pongs < pings) {
            RawPeer.Frame f = h.peer.next(10_000);
            assertEquals(OpCode.PONG, f.opcode());
            pongs++;
        }
        assertTrue(h.endpoint.errors.isEmpty(), () -> "errors: " + h.endpoint.errors);
        assertTrue(h.session.isOpen());
        h.shutdown();
    }
}
