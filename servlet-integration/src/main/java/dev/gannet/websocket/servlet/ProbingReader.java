package dev.gannet.websocket.servlet;

import dev.gannet.websocket.transport.TransportListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The {@link InboundPump} for containers that follow the servlet specification to the letter
 * ({@link ReadArming#PROBE}, e.g. Jetty): a read-and-deliver loop reads while {@code isReady()}
 * says yes; its {@code false} arms the next {@code onDataAvailable}. The loop runs on the thread
 * of {@code onDataAvailable} itself: handing every burst of input to another thread costs a
 * wake-up and a context switch, more than the whole echo of a small message. Loops started by
 * the engine's demand (after a streamed message, at open) run on the executor.
 *
 * <p>The container does not call {@code onWritePossible} while a thread is inside
 * {@code onDataAvailable}, so a listener blocking there until a write completes (a blocking send
 * inside a callback, or a wait for an async send) would wait forever for a peer that reads
 * slowly. While a delivery runs on a container thread and the writer waits for the output, a
 * helper on the executor therefore polls {@code isReady()} and resumes the writer itself
 * ({@link #outputReady}); the container's own {@code onWritePossible}, when it comes later, finds
 * nothing left to do.
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
    /** A task polls the output for a writer blocked under an inline delivery. */
    private static final int POLLING = 32;

    private static final Object END_OF_STREAM = new Object();
    /** First and longest pause between two {@code isReady()} polls for a writer blocked under an inline delivery. */
    private static final long POLL_MIN_NANOS = 20_000L;
    private static final long POLL_MAX_NANOS = 2_000_000L;
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
    /** A read loop runs inside the container's {@code onDataAvailable}. */
    private volatile boolean inline;
    /** The writer found the output not ready and waits for {@code onWritePossible}. */
    private volatile boolean writerWaiting;
    private volatile BooleanSupplier outputIsReady;
    private volatile WriteListener blockedWriter;
    /** The thread inside {@code listener.onData}, and the input it was given (read by that thread only). */
    private volatile Thread deliveringThread;
    private ByteBuffer delivering;
    private volatile Runnable afterDelivery = () -> { };

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
        if (start(READABLE)) {
            inline = true;
            try {
                pollIfWriterWaits();
                readLoop();
            } finally {
                inline = false;
            }
        }
    }

    @Override
    public boolean outputReady(BooleanSupplier isReady, WriteListener writer) {
        if (isReady.getAsBoolean()) {
            return true;
        }
        outputIsReady = isReady;
        blockedWriter = writer;
        writerWaiting = true;
        pollIfWriterWaits();
        return false;
    }

    @Override
    public boolean moreInputQueued() {
        return deliveringThread == Thread.currentThread() && delivering.hasRemaining();
    }

    @Override
    public void afterDelivery(Runnable hook) {
        this.afterDelivery = hook;
    }

    @Override
    public void writePossible() {
        writerWaiting = false;
    }

    /** Both flags are volatile and each side sets its own before reading the other's: one of them sees both. */
    private void pollIfWriterWaits() {
        if (writerWaiting && inline && claimPolling()) {
            try {
                executor.execute(this::pollOutput); // rare: made only when a writer blocks under an inline delivery
            } catch (RejectedExecutionException shutDown) {
                STATE.getAndBitwiseAnd(this, ~POLLING); // undeployed: the connection goes with it
            }
        }
    }

    private boolean claimPolling() {
        return ((int) STATE.getAndBitwiseOr(this, POLLING) & POLLING) == 0;
    }

    /**
     * Stands in for {@code onWritePossible} while a container thread delivers: asks
     * {@code isReady()} with growing pauses until the output drained, then resumes the writer.
     * Ends as soon as the delivery returns, since the container calls {@code onWritePossible}
     * again from then on (the last {@code false} armed it).
     */
    private void pollOutput() {
        long pause = POLL_MIN_NANOS;
        for (;;) {
            while (writerWaiting && inline && (state & DONE) == 0) {
                if (outputIsReady.getAsBoolean()) {
                    WriteListener w = blockedWriter;
                    try {
                        w.onWritePossible(); // clears writerWaiting through writePossible()
                    } catch (IOException | RuntimeException e) {
                        w.onError(e);
                    }
                    break;
                }
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, POLL_MAX_NANOS);
            }
            STATE.getAndBitwiseAnd(this, ~POLLING);
            if (!(writerWaiting && inline && (state & DONE) == 0) || !claimPolling()) {
                return;
            }
        }
    }

    private static boolean canRun(int s) {
        return (s & DEMAND) != 0 && (s & (READABLE | TERMINAL)) != 0 && (s & DONE) == 0;
    }

    /** Sets {@code bit}; returns whether the caller now owns a read loop it must run. */
    private boolean start(int bit) {
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
        return start;
    }

    private void signal(int bit) {
        if (start(bit)) {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException shutDown) {
                // The application is being undeployed: nobody is left to deliver to.
                stop();
            }
        }
    }

    /** The read-and-deliver loop as the executor's task, started by {@link #signal}. */
    @Override
    public void run() {
        readLoop();
    }

    /** The read-and-deliver loop: on the executor, or inline in {@code onDataAvailable}. */
    private void readLoop() {
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
        delivering = view;
        deliveringThread = Thread.currentThread();
        try {
            listener.onData(view);
        } catch (RuntimeException | Error e) {
            // The engine must not throw; if it does, the connection cannot be trusted any more.
            LOG.log(Level.ERROR, "WebSocket engine failed while consuming input", e);
            terminate(e);
            STATE.getAndBitwiseOr(this, DEMAND);
        } finally {
            deliveringThread = null;
            delivering = null;
        }
        afterDelivery.run(); // the flush the replies to this input left owed, if any
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
            ContainerTimeouts.deliver(l, (Throwable) t);
        }
    }
}
