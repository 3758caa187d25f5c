package dev.gannet.websocket.session;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread shared by all sessions, for idle timeouts, send timeouts and close
 * handshake timeouts. Cancelled tasks are removed at once, so a closed session is never retained
 * by a pending timer. Tasks must be short: anything that runs endpoint code is handed to the
 * session's executor.
 */
public final class SessionScheduler {

    private static final ScheduledThreadPoolExecutor TIMER = create();

    private SessionScheduler() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gannet-session-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** Runs {@code task} once after {@code delayMs} milliseconds (at least 0). */
    public static ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        return TIMER.schedule(task, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once after {@code delayNanos} nanoseconds (at least 0). */
    public static ScheduledFuture<?> scheduleNanos(Runnable task, long delayNanos) {
        return TIMER.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** The number of pending timer tasks (for tests and diagnostics). */
    public static int pendingTasks() {
        return TIMER.getQueue().size();
    }
}
