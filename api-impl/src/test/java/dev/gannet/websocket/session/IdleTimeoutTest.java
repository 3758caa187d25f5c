package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.CloseCodes;
import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The idle timeout: honoured exactly, reset by activity, 0 means none. */
@Timeout(20)
class IdleTimeoutTest extends WithHarness {

    @Test
    void idleSessionClosesAfterTheTimeoutNeverEarly() throws Exception {
        long start = System.nanoTime();
        h = Harness.server(s -> { }, SessionSettings.defaults().withMaxIdleTimeoutMs(200));
        assertEquals(200, h.session.getMaxIdleTimeout());
        RawPeer.Frame f = h.peer.next(5000);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(OpCode.CLOSE, f.opcode());
        assertEquals(CloseCodes.GOING_AWAY, f.close().code());
        assertTrue(ms >= 200, "fired after " + ms + " ms");
        assertTrue(ms < 3000, "fired after " + ms + " ms"); // loose upper bound: shared machine
        h.peer.sendClose(1001, "");
        CloseReason r = h.endpoint.close(5000);
        assertEquals(1006, r.getCloseCode().getCode(), "a close the local container initiated (spec 2.1.5)");
        assertTrue(r.getReasonPhrase().contains("Idle"));
    }

    @Test
    void activityResetsTheTimer() throws Exception {
        h = Harness.server(s -> s.addMessageHandler(String.class,
                (MessageHandler.Whole<String>) text -> h.endpoint.events.add(text)));
        long timeoutMs = 1000;
        h.session.setMaxIdleTimeout(timeoutMs);
        long start = System.nanoTime();
        long last = start;
        long longestGapMs = 0;
        // Round trips back to back for 1.5 timeouts: only a timer reset by activity stays quiet.
        for (int i = 0; TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < timeoutMs * 3 / 2; i++) {
            if (i % 2 == 0) {
                h.peer.sendText("in" + i);
                assertEquals("in" + i, h.endpoint.event(5000)); // the session has read it
            } else {
                h.session.getBasicRemote().sendText("out" + i);
                assertEquals("out" + i, h.peer.next(5000).text());
            }
            long now = System.nanoTime();
            longestGapMs = Math.max(longestGapMs, TimeUnit.NANOSECONDS.toMillis(now - last));
            last = now;
        }
        // A machine so loaded that activity paused for most of a timeout proves nothing either way.
        Assumptions.assumeTrue(longestGapMs < timeoutMs * 8 / 10, "activity gap of " + longestGapMs + " ms");
        assertTrue(h.session.isOpen(), "activity kept the timeout from firing");
        RawPeer.Frame f = h.peer.next(10_000);
        long sinceLast = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - last);
        assertEquals(OpCode.CLOSE, f.opcode());
        assertTrue(sinceLast >= timeoutMs - 50, "closed " + sinceLast + " ms after the last activity");
    }

    @Test
    void theTransportsIdleTimeoutClosesLikeOursWithoutWaitingForThePeer() throws Exception {
        h = Harness.server(s -> { });
        // What the servlet transport reports when the container's connection idle timeout fails the read.
        h.session.transportIdleTimeout(new TimeoutException("Idle timeout expired: 1001/1000 ms"));
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(OpCode.CLOSE, f.opcode());
        assertEquals(CloseCodes.GOING_AWAY, f.close().code());
        assertEquals("Idle timeout", f.close().reason());
        CloseReason r = h.endpoint.close(5000);
        assertEquals(1006, r.getCloseCode().getCode(), "a close the local container initiated (spec 2.1.5)");
        assertTrue(r.getReasonPhrase().startsWith("Idle timeout"), r.getReasonPhrase());
        // The peer's answer can no longer be read: the connection closes once the frame is out.
        assertTrue(h.peer.awaitEof(2000), "the transport was not closed after the close frame");
        assertFalse(h.pair.server().isAborted(), "closed cleanly, not aborted");
        assertNull(h.endpoint.errors.poll(200, TimeUnit.MILLISECONDS), "an ordinary timeout is no error");
    }

    @Test
    void theTransportsIdleTimeoutNeverHangsOnAConnectionThatCannotBeWritten() throws Exception {
        h = Harness.server(s -> { }, SessionSettings.defaults().withCloseTimeoutMs(300),
                Harness.config(List.of(), List.of()), 1024);
        h.peer.pause(); // the peer reads nothing more (past a delivery it may have asked for already)
        for (int i = 0; i < 4; i++) {
            h.session.getAsyncRemote().sendBinary(ByteBuffer.allocate(64 * 1024));
        }
        Thread.sleep(200); // the writes back up: the close frame queued behind them can never go out
        long start = System.nanoTime();
        h.session.transportIdleTimeout(new TimeoutException("Idle timeout expired: 1001/1000 ms"));
        CloseReason r = h.endpoint.close(5000);
        assertEquals(1006, r.getCloseCode().getCode());
        assertTrue(r.getReasonPhrase().startsWith("Idle timeout"), r.getReasonPhrase());
        assertTrue(h.awaitEnded(5000), "the session did not end");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(h.pair.server().isAborted(), "aborted at the close timeout");
        assertTrue(ms >= 290, "ended after " + ms + " ms, before the close timeout");
        assertEquals(1, h.endpoint.closeCount.get());
        assertNull(h.endpoint.errors.poll(200, TimeUnit.MILLISECONDS), "an ordinary timeout is no error");
    }

    @Test
    void zeroMeansNoTimeout() throws Exception {
        h = Harness.server(s -> s.setMaxIdleTimeout(0));
        assertEquals(0, h.session.getMaxIdleTimeout());
        assertEquals(0, h.session.pendingTimers(), "no idle timer armed (0 must not map to a default)");
        assertTrue(h.session.isOpen());
    }
}
