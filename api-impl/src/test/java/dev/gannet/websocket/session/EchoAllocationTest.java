package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What one echoed message costs in allocated bytes on the server's threads (inbound parse and
 * assembly, the handler, the blocking send, the outbound queue and write completion) over
 * {@code InMemoryTransport}; the transport's own copy of each write (a byte array of the frame's
 * size) is included. The bounds are generous regression limits; the figures are printed.
 */
@Timeout(120)
class EchoAllocationTest {

    private static final int WARMUP = 5_000;
    private static final int MEASURED = 10_000;

    private static com.sun.management.ThreadMXBean threads() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t ? t : null;
    }

    /** Sum of the bytes allocated so far by the server side's transport threads. */
    private static long serverThreadBytes(String transportName) {
        com.sun.management.ThreadMXBean mx = threads();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(transportName + "-")) {
                sum += mx.getThreadAllocatedBytes(t.getId());
            }
        }
        return sum;
    }

    private static long perMessage(boolean text, int size) throws Exception {
        Harness h = Harness.server((Session s) -> {
            if (text) {
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> echo(() -> s.getBasicRemote().sendText(m)));
            } else {
                s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) m -> echo(() -> s.getBasicRemote().sendBinary(m)));
            }
        });
        try {
            byte[] payload = new byte[size];
            Arrays.fill(payload, (byte) 'x');
            String name = h.pair.server().toString();
            for (int i = 0; i < WARMUP; i++) {
                roundTrip(h, text, payload);
            }
            long before = serverThreadBytes(name);
            for (int i = 0; i < MEASURED; i++) {
                roundTrip(h, text, payload);
            }
            long bytes = (serverThreadBytes(name) - before) / MEASURED;
            System.out.printf("echo %s %d B: %d allocated bytes per message on the server threads%n",
                    text ? "text" : "binary", size, bytes);
            return bytes;
        } finally {
            h.shutdown();
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void echo(IoAction send) {
        try {
            send.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void roundTrip(Harness h, boolean text, byte[] payload) throws InterruptedException {
        if (text) {
            h.peer.sendFrame(OpCode.TEXT, true, 0, payload);
        } else {
            h.peer.sendFrame(OpCode.BINARY, true, 0, payload);
        }
        RawPeer.Frame f = h.peer.next(10_000);
        assertEquals(text ? OpCode.TEXT : OpCode.BINARY, f.opcode());
        assertEquals(payload.length, f.payload().length);
    }

    @Test
    void echoCostsAreBounded() throws Exception {
        com.sun.management.ThreadMXBean mx = threads();
        assumeTrue(mx != null && mx.isThreadAllocatedMemorySupported(), "per-thread allocation counters");
        mx.setThreadAllocatedMemoryEnabled(true);
        long text32 = perMessage(true, 32);
        long text1k = perMessage(true, 1024);
        long bin32 = perMessage(false, 32);
        long bin1k = perMessage(false, 1024);
        // Limits: the payload copies (String/ByteBuffer for the handler, the encoded reply, the
        // transport's copy of the write) plus a fixed overhead. Measured on JDK 17 before the
        // hot-path work: 2593/5387 (text 32 B/1 KiB), 2239/4151 (binary); after: ~750/3590, ~640/2560.
        // An exception or list per write, or a per-frame buffer, breaks these.
        assertTrue(text32 < 1_500, "text 32 B: " + text32);
        assertTrue(bin32 < 1_500, "binary 32 B: " + bin32);
        assertTrue(text1k < 1_500 + 3 * 1024, "text 1 KiB: " + text1k);
        assertTrue(bin1k < 1_500 + 2 * 1024, "binary 1 KiB: " + bin1k);
    }
}
