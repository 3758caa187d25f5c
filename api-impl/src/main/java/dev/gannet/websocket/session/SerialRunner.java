package dev.gannet.websocket.session;

import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared executor. Used for the
 * {@code SendHandler} callbacks of a session so that user code never runs on (and never blocks) the
 * transport's write-completion thread: a handler may itself make a blocking send, whose write the
 * transport must be free to complete.
 */
final class SerialRunner {

    private static final System.Logger LOG = System.getLogger(SerialRunner.class.getName());

    private final Executor executor;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialRunner(Executor executor) {
        this.executor = executor;
    }

    void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // Not inline: the caller is a write-completion thread (see the class comment).
                FallbackExecutor.execute(this::drain, e);
            }
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Send completion task failed", e);
                }
            }
        } finally {
            scheduled.set(false);
        }
        if (!tasks.isEmpty()) {
            schedule();
        }
    }
}
