package dev.gannet.websocket.servlet;

import dev.gannet.websocket.transport.TransportListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

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
final class ProbingReader implements InboundPump, Runnable {

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
    private static final VarHandle STATE;
    private static final VarHandle TERMINAL_EVENT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(ProbingReader.class, "state", int.class);
            TERMINAL_EVENT = lookup.findVarHandle(ProbingReader.class, "terminal", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Field handles rather than atomic objects, and the reader is its own loop task: three
    // objects less on every connection.
    private volatile int state = READABLE; // updated through STATE
    private volatile Object terminal; // set once through TERMINAL_EVENT
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
        STATE.getAndBitwiseOr(this, DONE);
    }

    @Override
    public void terminate(Throwable failure) {
        TERMINAL_EVENT.compareAndSet(this, null, failure == null ? END_OF_STREAM : failure);
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
            s = state;
            next = s | bit;
            start = (next & RUNNING) == 0 && canRun(next);
            if (start) {
                next |= RUNNING;
            }
        } while (!STATE.compareAndSet(this, s, next));
        if (start) {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException shutDown) {
                // The application is being undeployed: nobody is left to deliver to.
                stop();
            }
        }
    }

    /** The read-and-deliver loop; runs on the executor, started by {@link #signal}. */
    @Override
    public void run() {
        // Local to this run of the loop: the next run may be on another thread and takes its own.
        ByteBuffer buffer = null;
        try {
            for (;;) {
                int s = state;
                if ((s & DONE) != 0) {
                    return;
                }
                if (!canRun(s)) {
                    if (STATE.compareAndSet(this, s, s & ~RUNNING)) {
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
        STATE.getAndBitwiseAnd(this, ~READABLE);
        int n;
        try {
            if (!in.isReady()) {
                if (in.isFinished()) {
                    terminate(null);
                }
                return; // onDataAvailable will set READABLE again
            }
            STATE.getAndBitwiseOr(this, READABLE);
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
        STATE.getAndBitwiseAnd(this, ~DEMAND);
        view.limit(n).position(0);
        try {
            listener.onData(view);
        } catch (RuntimeException | Error e) {
            // The engine must not throw; if it does, the connection cannot be trusted any more.
            LOG.log(Level.ERROR, "WebSocket engine failed while consuming input", e);
            terminate(e);
            STATE.getAndBitwiseOr(this, DEMAND);
        }
    }

    private void deliverTerminal() {
        STATE.getAndBitwiseOr(this, DONE);
        Object t = terminal;
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
