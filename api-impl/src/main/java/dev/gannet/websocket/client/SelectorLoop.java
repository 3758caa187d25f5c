package dev.gannet.websocket.client;

import dev.gannet.websocket.session.EngineThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One selector and the daemon thread that runs it. Every channel operation of the connections
 * registered here happens on this thread, so connection state needs no locks; other threads
 * hand work over with {@link #execute}. Nothing that may block (user code) ever runs here. The
 * thread runs only while there is work: it starts with the first task and ends once no channel
 * has been registered and no task queued for the linger time (the next task starts a new one),
 * so a client used from a web application leaves no thread pinning its class loader behind. The
 * selector lives exactly as long as the thread: it is opened when a thread starts and closed
 * when that thread ends, so an idle client holds no selector file descriptors either.
 */
final class SelectorLoop implements Runnable {

    /** What a registered channel's key carries: told when its channel is ready. */
    interface Handler {
        void onReady(SelectionKey key);

        /** The loop hit an unexpected exception while serving this handler. */
        void onLoopFailure(Throwable failure);
    }

    /** How long an idle loop's thread waits for new work before it ends. */
    static final long DEFAULT_LINGER_MS = 2_000;

    private static final System.Logger LOG = System.getLogger(SelectorLoop.class.getName());

    private final String name;
    private final long lingerMs;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Object lifecycle = new Object();
    /** The running loop thread, {@code null} while stopped; changed under {@link #lifecycle}. */
    private volatile Thread thread;
    /** Open while {@link #thread} runs, else {@code null}; changed under {@link #lifecycle}. */
    private volatile Selector selector;
    /**
     * Set by the first producer that wakes the selector, cleared by the loop before it polls the
     * task queue: a burst of tasks costs one wakeup (a system call), not one each.
     */
    private final AtomicBoolean wakeupPending = new AtomicBoolean();

    SelectorLoop(String name) {
        this(name, DEFAULT_LINGER_MS);
    }

    SelectorLoop(String name, long lingerMs) {
        this.name = name;
        this.lingerMs = Math.max(1, lingerMs);
    }

    /** The open selector; only meaningful on the loop thread (tasks run while it is open). */
    Selector selector() {
        return selector;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Whether the loop thread is running now (for tests and diagnostics). */
    boolean isRunning() {
        return thread != null;
    }

    /** Runs {@code task} on the loop thread, soon; never inline, so callers hold no loop state. */
    void execute(Runnable task) {
        tasks.add(task);
        if (inLoop()) {
            return;
        }
        // After the add: a loop deciding to stop re-checks the queue under the same lock.
        Selector s;
        synchronized (lifecycle) {
            if (thread == null) {
                try {
                    selector = Selector.open();
                } catch (IOException e) {
                    tasks.remove(task);
                    throw new UncheckedIOException("Cannot open a selector for the WebSocket client", e);
                }
                wakeupPending.set(false);
                Thread t = EngineThreads.newThread(this, name);
                thread = t;
                t.start();
                return; // a new loop runs its tasks before it first blocks
            }
            s = selector;
        }
        if (wakeupPending.compareAndSet(false, true)) {
            s.wakeup();
        }
    }

    @Override
    public void run() {
        Selector selector = this.selector;
        long idleSince = System.nanoTime();
        while (true) {
            try {
                // Tasks queued from the loop itself must not wait for a select timeout.
                if (tasks.isEmpty()) {
                    selector.select(lingerMs);
                } else {
                    selector.selectNow();
                }
                // Before polling the tasks: a task queued after this point wakes the next select.
                wakeupPending.set(false);
                boolean worked = !selector.selectedKeys().isEmpty();
                for (SelectionKey key : selector.selectedKeys()) {
                    Handler handler = (Handler) key.attachment();
                    try {
                        handler.onReady(key);
                    } catch (RuntimeException | Error e) {
                        handler.onLoopFailure(e);
                    }
                }
                selector.selectedKeys().clear();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    worked = true;
                    try {
                        task.run();
                    } catch (RuntimeException | Error e) {
                        LOG.log(Level.WARNING, "Task on the WebSocket client selector failed", e);
                    }
                }
                if (worked || !selector.keys().isEmpty()) {
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince >= TimeUnit.MILLISECONDS.toNanos(lingerMs)) {
                    synchronized (lifecycle) {
                        if (tasks.isEmpty()) {
                            stop(selector);
                            return;
                        }
                    }
                }
            } catch (ClosedSelectorException e) {
                synchronized (lifecycle) {
                    stop(selector);
                }
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "WebSocket client selector failed; continuing", e);
            }
        }
    }

    /** Under {@link #lifecycle}: no channel is registered and no task queued. */
    private void stop(Selector s) {
        thread = null;
        selector = null;
        try {
            s.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Closing an idle WebSocket client selector failed", e);
        }
    }
}
