package dev.gannet.websocket.servlet;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Pays flushes that a {@link NonBlockingWriter} left owed for longer than {@link #DELAY_NANOS}:
 * a callback that blocks in the middle of a burst of input must not hold back the replies
 * already written before it. One daemon thread for all connections, which ticks only while
 * some writer owes a flush and ends after a quiet spell, so an idle server runs no thread for
 * it; writers are queued once per owed flush, not per write, and a tick that finds nothing
 * late costs one pass over the queue.
 */
final class FlushWatchdog {

    /** Longest a flush stays owed, give or take a tick. */
    static final long DELAY_NANOS = 1_000_000L;
    /** Ticks with nothing owed before the thread ends. */
    private static final int QUIET_TICKS = 100;

    private static final ConcurrentLinkedQueue<NonBlockingWriter> OWING = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private FlushWatchdog() {
    }

    /** Watches {@code writer}, which just started to owe a flush. */
    static void watch(NonBlockingWriter writer) {
        if (writer.watch()) {
            OWING.add(writer);
            if (!RUNNING.get() && RUNNING.compareAndSet(false, true)) {
                start();
            }
        }
    }

    private static void start() {
        Thread t = new Thread(FlushWatchdog::run, "gannet-flush-watchdog");
        t.setDaemon(true);
        t.setContextClassLoader(null); // holds no application's loader
        t.start();
    }

    private static void run() {
        int quiet = 0;
        for (;;) {
            LockSupport.parkNanos(DELAY_NANOS);
            if (OWING.isEmpty()) {
                if (++quiet < QUIET_TICKS) {
                    continue;
                }
                RUNNING.set(false);
                // A writer queued between the check and the flag found the thread still running.
                if (OWING.isEmpty() || !RUNNING.compareAndSet(false, true)) {
                    return;
                }
            }
            quiet = 0;
            long late = System.nanoTime() - DELAY_NANOS;
            for (int n = OWING.size(); n > 0; n--) {
                NonBlockingWriter w = OWING.poll();
                if (w == null) {
                    break;
                }
                if (w.owesSince(late)) {
                    w.flushOwed();
                }
                w.unwatch();
                if (w.owes() && w.watch()) {
                    OWING.add(w); // still owing (paid later, or became owing again): look again next tick
                }
            }
        }
    }
}
