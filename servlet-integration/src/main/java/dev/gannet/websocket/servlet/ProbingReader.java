package dev.gannet.websocket.servlet;

import dev.gannet.websocket.transport.TransportListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link InboundPump} for containers that follow the servlet specification to the letter
 * ({@link ReadArming#PROBE}, e.g. Jetty): {@code onDataAvailable} only wakes a read-and-deliver
 * loop on the executor, which reads while {@code isReady()} says yes; its {@code false} arms the
 * next {@code onDataAvailable}. The listener may block on that thread while the container runs
 * {@code onWritePossible} (it does not while {@code onDataAvailable} is running).
 *
 * <p>A read-and-deliver loop borrows its buffer from the application's {@link ReadBuffers} and
 * gives it back when it stops, so an idle connection holds none. The state word makes sure at most one
 * loop runs, and that a notification racing with an {@code isReady() == false} answer is never
 * lost: READABLE is cleared before asking {@code isReady()}, so a later {@code onDataAvailable}
 * sets it again and the loop looks once more.
 */
final class ProbingReader implements InboundPump {

    private static final System.Logger LOG = System.getLogger(ProbingReader.class.getName());

    /** The engine asked for one delivery. */
    private static final int DEMAND = 1;
    /** Reading may succeed: not known to be blocked since the last {@code isReady()}. */
    private static final int READABLE = 2;
    /** A read loop owns the stream and the listener. */
    private static final int RUNNING = 4;
    /** End of stream or a failure waits to be delivered. */
    private static final int TERMINAL = 8;
    /** Nothing more will be delivered. */
    private static final int DONE = 16;

    private static final Object END_OF_STREAM = new Object();
    /** One warning per JVM: the symptom repeats on every connection of an affected Jetty. */
    private static final AtomicBoolean WARNED_EARLY_END = new AtomicBoolean();

    private final ServletInputStream in;
    private final Executor executor;
    private final ReadBuffers buffers;
    private final AtomicInteger state = new AtomicInteger(READABLE);
    private final AtomicReference<Object> terminal = new AtomicReference<>();
    private final Runnable loop = this::readLoop;
    private volatile TransportListener listener;
    // Written and read only by read loops, which the RUNNING bit serialises.
    private boolean received;

    ProbingReader(ServletInputStream in, Executor executor, ReadBuffers buffers) {
        this.in = in;
        this.executor = executor;
        this.buffers = buffers;
    }

    @Override
    public void setListener(TransportListener listener) {
        this.listener = listener;
    }

    @Override
    public void demand() {
        signal(DEMAND);
    }

    @Override
    public void stop() {
        state.getAndUpdate(s -> s | DONE);
    }

    @Override
    public void terminate(Throwable failure) {
        terminal.compareAndSet(null, failure == null ? END_OF_STREAM : failure);
        signal(TERMINAL);
    }

    @Override
    public void onDataAvailable() {
        signal(READABLE);
    }

    private static boolean canRun(int s) {
        return (s & DEMAND) != 0 && (s & (READABLE | TERMINAL)) != 0 && (s & DONE) == 0;
    }

    private void signal(int bit) {
        int s;
        int next;
        boolean start;
        do {
            s = state.get();
            next = s | bit;
            start = (next & RUNNING) == 0 && canRun(next);
            if (start) {
                next |= RUNNING;
            }
        } while (!state.compareAndSet(s, next));
        if (start) {
            try {
                executor.execute(loop);
            } catch (RejectedExecutionException shutDown) {
                // The application is being undeployed: nobody is left to deliver to.
                stop();
            }
        }
    }

    private void readLoop() {
        // Local to this run of the loop: the next run may be on another thread and takes its own.
        ByteBuffer buffer = null;
        try {
            for (;;) {
                int s = state.get();
                if ((s & DONE) != 0) {
                    return;
                }
                if (!canRun(s)) {
                    if (state.compareAndSet(s, s & ~RUNNING)) {
                        return;
                    }
                    continue;
                }
                if ((s & TERMINAL) != 0) {
                    deliverTerminal();
                    return;
                }
                if (buffer == null) {
                    buffer = buffers.take();
                }
                readOnce(buffer);
            }
        } finally {
            if (buffer != null) {
                buffers.give(buffer);
            }
        }
    }

    private void readOnce(ByteBuffer view) {
        state.getAndUpdate(s -> s & ~READABLE);
        int n;
        try {
            if (!in.isReady()) {
                if (in.isFinished()) {
                    terminate(null);
                }
                return; // onDataAvailable will set READABLE again
            }
            state.getAndUpdate(s -> s | READABLE);
            n = in.read(view.array(), view.arrayOffset(), view.capacity());
        } catch (IOException | RuntimeException e) {
            terminate(e);
            return;
        }
        if (n < 0) {
            terminate(null);
            return;
        }
        if (n == 0) {
            return;
        }
        received = true;
        state.getAndUpdate(s -> s & ~DEMAND);
        view.limit(n).position(0);
        try {
            listener.onData(view);
        } catch (RuntimeException | Error e) {
            // The engine must not throw; if it does, the connection cannot be trusted any more.
            LOG.log(Level.ERROR, "WebSocket engine failed while consuming input", e);
            terminate(e);
            state.getAndUpdate(s -> s | DEMAND);
        }
    }

    private void deliverTerminal() {
        state.getAndUpdate(s -> s | DONE);
        Object t = terminal.get();
        TransportListener l = listener;
        if (t == END_OF_STREAM) {
            if (!received && WARNED_EARLY_END.compareAndSet(false, true)) {
                // A client may hang up without sending a byte, but on Jetty 12.1.12-12.1.14 every
                // upgraded connection ends this way unless the connector is fixed.
                LOG.log(Level.WARNING, "An upgraded connection's input ended before any byte arrived. If every"
                        + " WebSocket closes at once (1006) and the container is Jetty 12.1, its HTTP parser hides"
                        + " the upgraded input: use dev.gannet.websocket.servlet.jetty."
                        + "UpgradeFriendlyHttpConnectionFactory on the connector (see docs/servlet-containers.md).");
            }
            l.onEndOfStream();
        } else {
            l.onError((Throwable) t);
        }
    }
}
