package dev.gannet.websocket.servlet;

import dev.gannet.websocket.transport.TransportListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * The {@link InboundPump} for containers whose input may only be touched by their own threads
 * ({@link ReadArming#CONTAINER}, e.g. Tomcat). Every {@code isReady()} and {@code read()} happens
 * inside a container callback; deliveries still run on the executor, so the listener may block.
 *
 * <p>The container calls {@code onDataAvailable} again only when new bytes reach the socket, so
 * bytes it already buffered must be read before its thread leaves, or they would wait for the
 * next packet. The callback thread therefore stays while the one read buffer is being delivered
 * and reads again once it is free; it leaves when the input is drained, the connection ends, or
 * the writer is waiting for {@code onWritePossible} (which the container cannot run while its
 * thread is here). In that last case {@code onWritePossible}'s thread carries on reading. Parking
 * a container thread while the application consumes a message is what the container's own
 * WebSocket implementation does too (it runs {@code onMessage} on that thread).
 *
 * <p>The container releases the socket only when its thread leaves a callback and finds the
 * connection closed, so the close is made on a container thread ({@link #handOverClose}): once
 * the engine stops reading (a close frame, a violation, end of input) the thread that read the
 * last bytes waits, bounded, for the engine's close and performs it on its way out.
 */
final class ContainerThreadReader implements InboundPump {

    private static final System.Logger LOG = System.getLogger(ContainerThreadReader.class.getName());
    private static final Object END_OF_STREAM = new Object();
    /**
     * Longest a container thread stays, once reading is over, for the engine's close to arrive.
     * The close normally follows within milliseconds (the close frame's echo); a peer too slow to
     * take that echo makes the writer wait for {@code onWritePossible}, which releases the thread.
     */
    private static final long CLOSE_LINGER_NANOS = 2_000_000_000L;

    private final ServletInputStream in;
    private final Executor executor;
    private final ReadBuffers buffers;
    private final Runnable deliveryTask = this::deliveryLoop;
    private volatile TransportListener listener;

    // Guarded by this.
    private boolean demanded;
    private ByteBuffer buffer;     // borrowed while reading or delivering, null while idle
    private boolean held;          // the buffer holds bytes not yet delivered
    private boolean delivering;    // a delivery loop runs on the executor
    private boolean pumping;       // a container thread is reading
    private boolean maybeMore;     // isReady() last said yes and those bytes were not read
    private boolean writerBlocked; // the writer waits for onWritePossible
    private volatile int writePossibleEpoch; // written under the lock, read without it
    private boolean done;
    private Object terminal;
    private boolean readingOver;   // a delivery returned without asking for more: the close is coming
    private int callbacks;         // container threads inside onDataAvailable / onWritePossible
    private Runnable pendingClose; // handed over by handOverClose, run by the last thread leaving
    private boolean closeTaken;    // the close was handed over or made elsewhere: stop lingering

    ContainerThreadReader(ServletInputStream in, Executor executor, ReadBuffers buffers) {
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
        synchronized (this) {
            demanded = true;
            startDeliveryIfDue();
        }
    }

    @Override
    public synchronized void stop() {
        done = true;
        notifyAll();
    }

    @Override
    public void terminate(Throwable failure) {
        synchronized (this) {
            if (terminal == null) {
                terminal = failure == null ? END_OF_STREAM : failure;
            }
            notifyAll();
            startDeliveryIfDue();
        }
    }

    @Override
    public void onDataAvailable() {
        synchronized (this) {
            callbacks++;
            maybeMore = true;
        }
        try {
            pump();
        } finally {
            leaveCallback();
        }
    }

    @Override
    public boolean handOverClose(Runnable close) {
        synchronized (this) {
            closeTaken = true;
            if (callbacks == 0) {
                notifyAll();
                return false;
            }
            pendingClose = close;
            notifyAll();
            return true;
        }
    }

    /**
     * The container thread leaves one of our callbacks. When reading is over, the engine's close
     * is due: the thread waits (bounded) for it and closes, so the container sees both streams
     * closed when the callback returns and releases the socket then.
     */
    private void leaveCallback() {
        Runnable close;
        synchronized (this) {
            long deadline = System.nanoTime() + CLOSE_LINGER_NANOS;
            while (callbacks == 1 && pendingClose == null && !closeTaken && !writerBlocked
                    && (readingOver || done || terminal != null)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    wait(left / 1_000_000L + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            callbacks--;
            close = callbacks == 0 ? pendingClose : null;
            if (close != null) {
                pendingClose = null;
            }
        }
        if (close != null) {
            close.run();
        }
    }

    @Override
    public boolean outputReady(BooleanSupplier isReady, WriteListener writer) {
        // No lock on the usual answer (true): this runs several times per frame written. A false
        // is recorded only if no writePossible() slipped in between the answer and the flag,
        // which the epoch tells.
        int epoch = writePossibleEpoch;
        if (isReady.getAsBoolean()) {
            return true;
        }
        synchronized (this) {
            if (epoch == writePossibleEpoch) {
                writerBlocked = true;
                notifyAll();
            }
        }
        return false;
    }

    @Override
    public synchronized void writePossible() {
        callbacks++;
        writerBlocked = false;
        writePossibleEpoch++;
    }

    @Override
    public void afterWritePossible() {
        try {
            pump();
        } finally {
            leaveCallback();
        }
    }

    /** Reads on the calling container thread until drained, ended, or the writer needs the thread. */
    private void pump() {
        synchronized (this) {
            if (pumping || !maybeMore) {
                return;
            }
            pumping = true;
        }
        try {
            while (awaitFreeArray()) {
                if (!in.isReady()) {
                    synchronized (this) {
                        maybeMore = false; // the container calls onDataAvailable when bytes come
                    }
                    return;
                }
                ByteBuffer view = borrow();
                int n = in.read(view.array(), view.arrayOffset(), view.capacity());
                synchronized (this) {
                    if (n < 0) {
                        maybeMore = false;
                        terminate(null);
                        return;
                    }
                    if (n > 0) {
                        buffer.limit(n).position(0);
                        held = true;
                        startDeliveryIfDue();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            terminate(e);
        } finally {
            synchronized (this) {
                pumping = false;
                releaseIfIdle();
            }
        }
    }

    // Only the pumping thread borrows, and only while the buffer holds nothing (awaitFreeArray).
    private synchronized ByteBuffer borrow() {
        if (buffer == null) {
            buffer = buffers.take();
        }
        return buffer;
    }

    /** An idle connection keeps no buffer; called holding the lock. */
    private void releaseIfIdle() {
        if (buffer != null && !held && !pumping) {
            buffers.give(buffer);
            buffer = null;
        }
    }

    /** Waits while the array is in use; false when this thread must leave instead. */
    private synchronized boolean awaitFreeArray() {
        while (held && !done && terminal == null && !writerBlocked) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !held && !done && terminal == null;
    }

    // Called holding the lock.
    private void startDeliveryIfDue() {
        if (delivering || done || !demanded || (!held && terminal == null)) {
            return;
        }
        delivering = true;
        try {
            executor.execute(deliveryTask);
        } catch (RejectedExecutionException shutDown) {
            delivering = false;
            done = true; // the application is being undeployed
            notifyAll();
        }
    }

    private void deliveryLoop() {
        for (;;) {
            Object end;
            synchronized (this) {
                if (done || !demanded || (!held && terminal == null)) {
                    delivering = false;
                    return;
                }
                demanded = false;
                end = held ? null : terminal;
                if (end != null) {
                    done = true;
                    notifyAll();
                }
            }
            if (end != null) {
                deliverTerminal(end);
                return;
            }
            ByteBuffer view;
            synchronized (this) {
                view = buffer;
            }
            try {
                listener.onData(view);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "WebSocket engine failed while consuming input", e);
                terminate(e);
                demand();
            } finally {
                synchronized (this) {
                    // The engine asks for more before onData returns unless it stopped reading
                    // for good (a close frame, a violation): the close follows.
                    readingOver |= !demanded;
                    held = false;
                    releaseIfIdle();
                    notifyAll(); // the parked container thread reads the next bytes
                }
            }
        }
    }

    private void deliverTerminal(Object end) {
        TransportListener l = listener;
        if (end == END_OF_STREAM) {
            l.onEndOfStream();
        } else {
            ContainerTimeouts.deliver(l, (Throwable) end);
        }
    }
}
