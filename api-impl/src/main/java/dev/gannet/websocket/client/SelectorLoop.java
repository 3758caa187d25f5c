package dev.gannet.websocket.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector and the daemon thread that runs it. Every channel operation of the connections
 * registered here happens on this thread, so connection state needs no locks; other threads
 * hand work over with {@link #execute}. Nothing that may block (user code) ever runs here.
 */
final class SelectorLoop implements Runnable {

    /** What a registered channel's key carries: told when its channel is ready. */
    interface Handler {
        void onReady(SelectionKey key);

        /** The loop hit an unexpected exception while serving this handler. */
        void onLoopFailure(Throwable failure);
    }

    private static final System.Logger LOG = System.getLogger(SelectorLoop.class.getName());

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    SelectorLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a selector for the WebSocket client", e);
        }
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread, soon; never inline, so callers hold no loop state. */
    void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        while (true) {
            try {
                // Tasks queued from the loop itself must not wait for a select timeout.
                if (tasks.isEmpty()) {
                    selector.select();
                } else {
                    selector.selectNow();
                }
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
                    try {
                        task.run();
                    } catch (RuntimeException | Error e) {
                        LOG.log(Level.WARNING, "Task on the WebSocket client selector failed", e);
                    }
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "WebSocket client selector failed; continuing", e);
            }
        }
    }
}
