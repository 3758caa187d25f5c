package dev.gannet.websocket.servlet;

import dev.gannet.websocket.transport.WriteCallback;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.function.BooleanSupplier;

/**
 * The write half of {@link ServletTransport}: writes one gathering write at a time, a bounded
 * chunk per {@code isReady()} answer, from whichever thread finds the stream ready — the
 * engine's sender or the container's {@code onWritePossible}. A state word lets exactly one of
 * them own the stream, without a lock that could meet a container lock in the other order.
 *
 * <p>A write completes only when {@code isReady()} answers true after its last step: then the
 * container no longer holds the caller's arrays (Jetty keeps a reference to an array while an
 * asynchronous write is in flight), so the engine may reuse them.
 *
 * <p>Flushing costs more than the write of a small frame (a pass through the container's output
 * machinery and a system call per flush). So a write made by the thread delivering input, while
 * that input holds more bytes (more messages whose replies will follow), is handed to the
 * container without a flush: the flush is owed, and paid once for the whole burst when the
 * delivery of that input ends, by the next write that is not deferred, before a close, or, if a
 * callback of the burst blocks, by {@link FlushWatchdog} within a few milliseconds. A lone
 * message is flushed at once.
 */
final class NonBlockingWriter implements WriteListener, Runnable, BooleanSupplier {

    /** A write waits to be performed. */
    private static final int PENDING = 1;
    /** Writing may succeed: not known to be blocked since the last {@code isReady()}. */
    private static final int WRITABLE = 2;
    /** One thread owns the stream and the pending write. */
    private static final int RUNNING = 4;
    /** Close the connection once no write is pending. */
    private static final int CLOSING = 8;
    /** Closed or failed: nothing more is written. */
    private static final int DONE = 16;
    /** Pay the owed flush once no write is pending. */
    private static final int FLUSH = 32;
    /** {@link FlushWatchdog} holds this writer. */
    private static final int WATCHED = 64;
    /**
     * A write of several buffers (a frame's header and payload, a batch of small frames) up to
     * this size is copied into one array and handed over in one call: each call costs the
     * container a lock and its bookkeeping, and needs an {@code isReady()} of its own.
     */
    static final int GATHER_MAX = 1024;
    /**
     * One gathering array per thread, borrowed by a write and given back when the container is
     * done with it: no connection keeps one while idle, and a write the container holds on to
     * (a peer not reading) keeps its array while the thread's next write takes a new one.
     */
    private static final ThreadLocal<byte[]> GATHER = new ThreadLocal<>();

    private final ServletOutputStream out;
    private final int chunkSize;
    private final InboundPump reader;
    private final Runnable onClosing;
    private static final VarHandle STATE;
    private static final VarHandle CALLBACK;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(NonBlockingWriter.class, "state", int.class);
            CALLBACK = lookup.findVarHandle(NonBlockingWriter.class, "callback", WriteCallback.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Field handles rather than atomic objects: two objects less on every connection.
    private volatile int state = WRITABLE; // updated through STATE
    private volatile WriteCallback callback; // swapped through CALLBACK
    // Owned by the thread holding RUNNING; published through the state word.
    private ByteBuffer[] buffers;
    private int index;
    private boolean flushed;
    private boolean deferFlush;
    private byte[] scratch;
    private byte[] gathered; // borrowed from GATHER while the container may hold it
    /** Bytes were handed to the container and not flushed yet; written by the stream's owner only. */
    private volatile boolean owed;
    /** When the owed flush became owed ({@link System#nanoTime()}); for the watchdog. */
    private volatile long owedSince;

    NonBlockingWriter(ServletOutputStream out, int chunkSize, InboundPump reader, Runnable onClosing) {
        this.out = out;
        this.chunkSize = chunkSize;
        this.reader = reader;
        this.onClosing = onClosing;
        reader.afterDelivery(this);
    }

    void write(ByteBuffer[] buffers, WriteCallback callback) {
        if ((state & DONE) != 0) {
            callback.failed(new ClosedChannelException());
            return;
        }
        this.buffers = buffers;
        this.index = 0;
        this.flushed = false;
        this.deferFlush = reader.moreInputQueued();
        this.callback = callback;
        signal(PENDING);
        if ((state & DONE) != 0) {
            // Lost a race with fail() or close: the callback still runs exactly once.
            WriteCallback cb = (WriteCallback) CALLBACK.getAndSet(this, (WriteCallback) null);
            if (cb != null) {
                cb.failed(new ClosedChannelException());
            }
        }
    }

    /** Runs {@code onClosing} once the pending write, if any, has completed (at once after a failure). */
    void closeWhenIdle() {
        signal(CLOSING);
        if ((state & DONE) != 0) {
            onClosing.run(); // failed writers write nothing more; onClosing is idempotent
        }
    }

    /** What the reader runs after each delivery: pays the flush the replies to it left owed. */
    @Override
    public void run() {
        flushOwed();
    }

    /** Claims this writer for the watchdog; false if it holds it already. */
    boolean watch() {
        return ((int) STATE.getAndBitwiseOr(this, WATCHED) & WATCHED) == 0;
    }

    void unwatch() {
        STATE.getAndBitwiseAnd(this, ~WATCHED);
    }

    /** Pays the owed flush, if any, now (or right after the pending write). */
    void flushOwed() {
        if (owed) {
            signal(FLUSH);
        }
    }

    /** Whether a flush is owed since before {@code nanos} (the watchdog's question). */
    boolean owesSince(long nanos) {
        return owes() && owedSince - nanos <= 0;
    }

    /**
     * Whether a flush is owed and can still be paid: a failed or closed writer owes nothing (its
     * {@code owed} may stay set for ever, and the watchdog would keep it, and through it the
     * connection and its session, for as long as the JVM runs).
     */
    boolean owes() {
        return owed && (state & DONE) == 0;
    }

    /** Stops writing and fails the pending write, if any. */
    void fail(Throwable failure) {
        STATE.getAndBitwiseOr(this, DONE);
        WriteCallback cb = (WriteCallback) CALLBACK.getAndSet(this, (WriteCallback) null);
        if (cb != null) {
            cb.failed(failure);
        }
    }

    /**
     * Whether the output stream is ready: the writer is its own probe for
     * {@link InboundPump#outputReady} (no allocation per write step, no extra object per connection).
     */
    @Override
    public boolean getAsBoolean() {
        return out.isReady();
    }

    @Override
    public void onWritePossible() {
        reader.writePossible();
        try {
            signal(WRITABLE);
        } finally {
            reader.afterWritePossible();
        }
    }

    @Override
    public void onError(Throwable failure) {
        fail(failure);
    }

    private static boolean canRun(int s) {
        if ((s & DONE) != 0) {
            return false;
        }
        boolean mustWrite = (s & (PENDING | WRITABLE)) == (PENDING | WRITABLE);
        boolean mustClose = (s & (PENDING | CLOSING)) == CLOSING;
        boolean mustFlush = (s & (PENDING | FLUSH | WRITABLE)) == (FLUSH | WRITABLE);
        return mustWrite || mustClose || mustFlush;
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
            writeLoop();
        }
    }

    private void writeLoop() {
        for (;;) {
            int s = state;
            if (!canRun(s)) {
                if ((s & DONE) != 0 || STATE.compareAndSet(this, s, s & ~RUNNING)) {
                    return;
                }
                continue;
            }
            try {
                if ((s & PENDING) != 0) {
                    writeStep();
                } else if (owed) {
                    flushStep(); // before a close too: the owed bytes go first
                } else if ((s & CLOSING) != 0) {
                    STATE.getAndBitwiseOr(this, DONE);
                    onClosing.run();
                    return;
                } else {
                    STATE.getAndBitwiseAnd(this, ~FLUSH);
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
                return;
            }
        }
    }

    /** One step of the pending write, taken only when the stream says it is ready. */
    private void writeStep() throws IOException {
        STATE.getAndBitwiseAnd(this, ~WRITABLE);
        if (!reader.outputReady(this, this)) {
            return; // onWritePossible will set WRITABLE again
        }
        STATE.getAndBitwiseOr(this, WRITABLE);
        while (index < buffers.length && !buffers[index].hasRemaining()) {
            index++;
        }
        if (index < buffers.length) {
            if (!gather()) {
                writeChunk(buffers[index]);
            }
        } else if (!flushed && !deferFlush) {
            // Containers may aggregate small writes; the frame must reach the peer now.
            flushed = true;
            owed = false;
            out.flush();
        } else {
            buffers = null;
            if (gathered != null) {
                giveBack(gathered);
                gathered = null;
            }
            if (!flushed) {
                owe();
            }
            STATE.getAndBitwiseAnd(this, ~PENDING);
            WriteCallback cb = (WriteCallback) CALLBACK.getAndSet(this, (WriteCallback) null);
            if (cb != null) {
                cb.completed();
            }
        }
    }

    /** Pays the owed flush when the stream says it is ready. */
    private void flushStep() throws IOException {
        STATE.getAndBitwiseAnd(this, ~WRITABLE);
        if (!reader.outputReady(this, this)) {
            return; // onWritePossible will set WRITABLE again
        }
        int s;
        do {
            s = state;
        } while (!STATE.compareAndSet(this, s, (s | WRITABLE) & ~FLUSH));
        owed = false;
        out.flush();
    }

    private void owe() {
        if (!owed) {
            owedSince = System.nanoTime();
            owed = true;
            FlushWatchdog.watch(this);
        }
    }

    /** Writes every remaining buffer in one call when there are several and they are small; returns whether it did. */
    private boolean gather() throws IOException {
        if (gathered != null || index + 1 >= buffers.length) {
            return false;
        }
        long total = 0;
        for (int i = index; i < buffers.length; i++) {
            total += buffers[i].remaining();
        }
        if (total > GATHER_MAX) {
            return false;
        }
        byte[] g = GATHER.get();
        if (g == null) {
            g = new byte[GATHER_MAX];
        } else {
            GATHER.set(null);
        }
        int len = 0;
        for (int i = index; i < buffers.length; i++) {
            ByteBuffer b = buffers[i];
            int n = b.remaining();
            b.get(g, len, n);
            len += n;
        }
        index = buffers.length;
        gathered = g;
        out.write(g, 0, len);
        return true;
    }

    private static void giveBack(byte[] g) {
        if (GATHER.get() == null) {
            GATHER.set(g);
        }
    }

    private void writeChunk(ByteBuffer b) throws IOException {
        int len = Math.min(b.remaining(), chunkSize);
        if (b.hasArray()) {
            out.write(b.array(), b.arrayOffset() + b.position(), len);
            b.position(b.position() + len);
        } else {
            // Safe to reuse: the next chunk is written only after isReady() said the last one left.
            if (scratch == null) {
                scratch = new byte[chunkSize];
            }
            b.get(scratch, 0, len);
            out.write(scratch, 0, len);
        }
    }
}
