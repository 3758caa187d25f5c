package dev.gannet.websocket.session;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timer shared by all sessions, for idle timeouts, send timeouts and close handshake
 * timeouts. Its one daemon thread runs only while timer tasks are pending (it starts with the
 * first and ends {@value #LINGER_MS} ms after the last was done or cancelled), so an engine loaded
 * by a web application leaves no thread behind once its sessions are closed. Cancelled tasks are
 * removed at once, so a closed session is never retained by a pending timer. Tasks must be short:
 * anything that runs endpoint code is handed to the session's executor.
 */
public final class SessionScheduler {

    /** How long the idle timer thread waits for new work before it ends. */
    static final long LINGER_MS = 2_000;

    private static final LingeringScheduler TIMER = new LingeringScheduler("gannet-session-timer", LINGER_MS);

    private SessionScheduler() {
    }

    /** Runs {@code task} once after {@code delayMs} milliseconds (at least 0). */
    public static ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        return TIMER.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once after {@code delayNanos} nanoseconds (at least 0). */
    public static ScheduledFuture<?> scheduleNanos(Runnable task, long delayNanos) {
        return TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Calls {@code task} once after {@code delayNanos} nanoseconds (at least 0). For timers every
     * session has (the idle timeout): a task that is its own Callable costs the timer one object
     * less per session than a Runnable, which the executor wraps.
     */
    static ScheduledFuture<?> scheduleCallNanos(Callable<?> task, long delayNanos) {
        return TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** The number of pending timer tasks (for tests and diagnostics). */
    public static int pendingTasks() {
        return TIMER.pendingTasks();
    }

    /** Whether the timer thread is running now (for tests and diagnostics). */
    public static boolean isThreadRunning() {
        return TIMER.hasThread();
    }
}
