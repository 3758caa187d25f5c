package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ownership and fate of partial messages in the outbound queue: a partial message belongs to the
 * thread that started it, a stalled one fails the session instead of blocking it forever, a close
 * drops only what cannot be sent, and a flush reports messages that a session end dropped.
 */
@Timeout(30)
class OutboundOrderingTest extends WithHarness {

    @Test
    void anotherThreadsPartialMessageQueuesBehindTheOpenOneInsteadOfJoiningIt() throws Exception {
        h = Harness.server(s -> { });
        RemoteEndpoint.Basic basic = h.session.getBasicRemote();
        basic.sendText("A1", false);
        assertEquals("A1", h.peer.next(5000).text());
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
            try {
                basic.sendText("B1", false);
                basic.sendText("B2", true);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        awaitTrue(() -> h.session.queuedOutboundBytes() == 2, "B1 queued behind A's message");
        assertNull(h.peer.poll(100), "B's part must not join A's message");
        basic.sendText("A2", true);
        b.get(5, TimeUnit.SECONDS);
        List<String> frames = List.of(describe(h.peer.next(5000)), describe(h.peer.next(5000)),
                describe(h.peer.next(5000)));
        assertEquals(List.of("CONT+FIN A2", "TEXT B1", "CONT+FIN B2"), frames);
    }

    @Test
    void aThreadMayNotMixItsOwnOpenTextMessageWithABinaryOne() throws Exception {
        h = Harness.server(s -> { });
        RemoteEndpoint.Basic basic = h.session.getBasicRemote();
        basic.sendText("t", false);
        assertThrows(IllegalStateException.class, () -> basic.sendBinary(java.nio.ByteBuffer.allocate(1), true));
        basic.sendText("", true);
        basic.sendText("after");
    }

    @Test
    void aPartialMessageNeverFinishedFailsTheSessionWith1011WhenASendBehindItTimesOut() throws Exception {
        h = Harness.server(s -> { }, SessionSettings.defaults().withSendTimeoutMs(300));
        h.session.getBasicRemote().sendText("A1", false); // never finished
        assertEquals("A1", h.peer.next(5000).text());
        CompletableFuture<Void> whole = CompletableFuture.runAsync(() -> {
            try {
                h.session.getBasicRemote().sendText("whole");
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> whole.get(5, TimeUnit.SECONDS));
        assertInstanceOf(SocketTimeoutException.class, e.getCause().getCause());
        RawPeer.Frame close = h.peer.next(5000);
        assertEquals(OpCode.CLOSE, close.opcode());
        assertEquals(1011, close.close().code());
        h.peer.sendClose(1011, "");
        assertEquals(1011, h.endpoint.close(5000).getCloseCode().getCode());
    }

    @Test
    void anUnclosedSendStreamFailsTheSessionWhenAnAsyncSendBehindItTimesOut() throws Exception {
        h = Harness.server(s -> { }, SessionSettings.defaults().withSendTimeoutMs(300));
        OutputStream out = h.session.getBasicRemote().getSendStream();
        out.write(new byte[] {1, 2, 3});
        out.flush(); // the handler "threw" here: the stream is never closed
        assertEquals(OpCode.BINARY, h.peer.next(5000).opcode());
        Future<Void> behind = h.session.getAsyncRemote().sendText("behind");
        ExecutionException e = assertThrows(ExecutionException.class, () -> behind.get(5, TimeUnit.SECONDS));
        assertInstanceOf(SocketTimeoutException.class, e.getCause());
        RawPeer.Frame close = h.peer.next(5000);
        assertEquals(OpCode.CLOSE, close.opcode());
        assertEquals(1011, close.close().code());
        assertThrows(IOException.class, out::close, "the stream's message was dropped");
    }

    @Test
    void closeDropsOnlyTheUnfinishedMessageAndWritesCompleteOnesQueuedBehindIt() throws Exception {
        h = Harness.server(s -> { });
        RemoteEndpoint.Basic basic = h.session.getBasicRemote();
        basic.setBatchingAllowed(true);
        basic.sendText("unfinished", false); // held in the batch, not on the wire
        CompletableFuture.runAsync(() -> {
            try {
                basic.sendText("complete");
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }).get(5, TimeUnit.SECONDS);
        h.session.close();
        RawPeer.Frame first = h.peer.next(5000);
        assertEquals("TEXT+FIN complete", describe(first));
        assertEquals(OpCode.CLOSE, h.peer.next(5000).opcode());
    }

    @Test
    void flushAfterTheSessionEndedDroppingBatchedMessagesThrows() throws Exception {
        h = Harness.server(s -> { });
        RemoteEndpoint.Basic basic = h.session.getBasicRemote();
        basic.setBatchingAllowed(true);
        basic.sendText("held");
        h.peer.closeTransport();
        assertEquals(1006, h.endpoint.close(5000).getCloseCode().getCode());
        assertThrows(IOException.class, basic::flushBatch);
    }

    private static String describe(RawPeer.Frame f) {
        String op = switch (f.opcode()) {
            case OpCode.TEXT -> "TEXT";
            case OpCode.CONTINUATION -> "CONT";
            default -> "OP" + f.opcode();
        };
        return op + (f.fin() ? "+FIN " : " ") + f.text();
    }

    /** Bounded wait for a state with no event to wait on (the queue's contents). */
    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.sleep(1);
        }
        assertFalse(false);
    }
}
