package dev.gannet.websocket.session;

import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where endpoint work goes when the session's executor refuses it (typically a container
 * executor shut down at undeploy while sessions still close): one engine thread, started on
 * demand and ended {@value #KEEP_ALIVE_S} s after its last task, so that {@code onClose} still
 * runs exactly once and a {@code SendHandler} is still told, yet never on the timer thread or a
 * container I/O thread the refusal happened on. Its queue is bounded; past it the task is
 * logged and dropped, deliberately, rather than run inline.
 */
final class FallbackExecutor {

    private static final System.Logger LOG = System.getLogger(FallbackExecutor.class.getName());
    static final long KEEP_ALIVE_S = 2;
    private static final int QUEUE = 10_000;
    private static final ThreadPoolExecutor POOL = create();

    private FallbackExecutor() {
    }

    private static ThreadPoolExecutor create() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, KEEP_ALIVE_S, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), EngineThreads.factory("gannet-fallback-"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Runs {@code task} on the fallback thread, or logs and drops it when even that is full. */
    static void execute(Runnable task, RejectedExecutionException refusal) {
        try {
            POOL.execute(task);
        } catch (RejectedExecutionException full) {
            full.addSuppressed(refusal);
            LOG.log(Level.ERROR, "Session executor refused a task and the fallback queue is full: task dropped", full);
        }
    }
}
