package dev.gannet.websocket.client;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one after another, in submission order, on threads of a shared executor. A
 * transport completes its writes through one, so a write's callback never overlaps the
 * callback of the write that preceded it (the engine may start the next write from inside a
 * callback, and that write may finish before the callback returns).
 */
final class SerialExecutor implements Executor {

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final Runnable drain = this::drain; // reused: one per burst, not one per task
    private boolean running;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(drain);
    }

    /**
     * Runs {@code task} on the calling thread when nothing is queued or running (then also what
     * is queued meanwhile), else queues it: a write that finished on its caller's thread
     * completes there, without a thread hand-off, and still in order.
     */
    void executeHere(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        drain();
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "WebSocket client completion failed", e);
            }
        }
    }
}
