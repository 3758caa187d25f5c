package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link FlushWatchdog} and the flush a {@link NonBlockingWriter} owes, against a scripted output
 * stream: the failure being tested (a peer vanishing while a deferred flush is owed and a large
 * reply waits for the output) needs timings a real container does not let a test choose.
 */
class FlushWatchdogTest {

    private static final String WATCHDOG = "gannet-flush-watchdog";

    /**
     * A writer that owes a flush when the connection fails (ServletTransport.abort() or
     * destroyed() call fail()) keeps owing it for ever: the watchdog re-queues it on every tick,
     * so it (and through it the stream, the reader, the session) is never collected, and the
     * watchdog thread never goes quiet.
     */
    @Test
    void aWriterFailedWhileOwingAFlushIsLetGoByTheWatchdog() throws Exception {
        StubPump pump = new StubPump();
        pump.more = true; // a reply written while its input holds more bytes: flush deferred
        ScriptedOut out = null;
        NonBlockingWriter w = null;
        // A watchdog already running (from another test) may pay the flush a millisecond after
        // the reply completes, before the output is blocked: then set the scene up again.
        for (int attempt = 0; attempt < 50 && (w == null || !w.owes()); attempt++) {
            out = new ScriptedOut();
            w = new NonBlockingWriter(out, 16384, pump, () -> { });
            Recorder cb = new Recorder();
            w.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1, 2, 3})}, cb);
            assertTrue(cb.done.await(5, TimeUnit.SECONDS));
            // The peer stops reading: from here no flush can be paid.
            out.ready = false;
        }
        assertTrue(w.owes(), "setup: the reply's flush is owed");
        // The next reply of the same burst is large: the write waits for the output, behind
        // the owed flush.
        Recorder second = new Recorder();
        w.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[100_000])}, second);
        assertEquals(1, second.done.getCount(), "setup: the second write waits for the output");
        Thread.sleep(20); // the watchdog looks at it a few times
        w.fail(new ClosedChannelException()); // the peer went away: destroyed()/onError()/abort()
        assertTrue(second.done.await(5, TimeUnit.SECONDS));
        second = null;

        WeakReference<NonBlockingWriter> ref = new WeakReference<>(w);
        w = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        boolean collected = ref.get() == null;
        // With nothing owed the watchdog ends after its quiet spell (100 ticks of ~1 ms).
        boolean watchdogAlive = true;
        while (watchdogAlive && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(3)) {
            watchdogAlive = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals(WATCHDOG) && t.isAlive());
            Thread.sleep(50);
        }
        boolean watchdogStillAlive = watchdogAlive;
        assertAll(
                () -> assertTrue(collected, "the failed writer is still reachable (FlushWatchdog.OWING re-queues it every tick)"),
                () -> assertFalse(watchdogStillAlive, "the flush watchdog thread never goes quiet after the only writer failed"));
    }

    static final class Recorder implements WriteCallback {
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void completed() {
            done.countDown();
        }

        @Override
        public void failed(Throwable t) {
            done.countDown();
        }
    }

    /** Ready unless told otherwise; takes every byte and flush without doing anything. */
    static final class ScriptedOut extends ServletOutputStream {
        volatile boolean ready = true;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }

        @Override
        public void flush() {
        }
    }

    /** A pump that only answers whether more input is queued. */
    static final class StubPump implements InboundPump {
        volatile boolean more;

        @Override
        public boolean moreInputQueued() {
            return more;
        }

        @Override
        public void setListener(TransportListener listener) {
        }

        @Override
        public void demand() {
        }

        @Override
        public void stop() {
        }

        @Override
        public void terminate(Throwable failure) {
        }

        @Override
        public void onDataAvailable() {
        }
    }
}
