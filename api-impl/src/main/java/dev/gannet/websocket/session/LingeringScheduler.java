package dev.gannet.websocket.session;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A one-thread timer whose thread exists only while there is work: it starts with the first
 * scheduled task and ends once no task has been pending for {@code lingerMs} (cancelled tasks are
 * removed at once, so a closed session's timers do not keep it alive). A later task starts a new
 * thread. This matters when the engine's jar sits in a web application: a thread that outlives
 * the application's sessions would pin its class loader across redeploys. For the same reason the
 * thread's context class loader is the engine's own (never the caller's) and it is created in a
 * privileged block ({@link EngineThreads}), so it does not inherit the scheduling caller's access control context.
 */
final class LingeringScheduler {

    private final ScheduledThreadPoolExecutor executor;

    LingeringScheduler(String threadName, long lingerMs) {
        executor = new ScheduledThreadPoolExecutor(1, r -> EngineThreads.newThread(r, threadName));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // With a delayed task queued the last worker waits for it even past the keep-alive; with
        // none it ends after the linger. So the thread lives exactly as long as there is work.
        executor.setKeepAliveTime(Math.max(1, lingerMs), TimeUnit.MILLISECONDS);
        executor.allowCoreThreadTimeOut(true);
    }

    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return executor.schedule(task, Math.max(0, delay), unit);
    }

    /** Same, for a task that is its own {@link Callable}: no adapter object per scheduling. */
    ScheduledFuture<?> schedule(Callable<?> task, long delay, TimeUnit unit) {
        return executor.schedule(task, Math.max(0, delay), unit);
    }

    int pendingTasks() {
        return executor.getQueue().size();
    }

    /** Whether the timer thread is alive now (for tests and diagnostics). */
    boolean hasThread() {
        return executor.getPoolSize() > 0;
    }
}
