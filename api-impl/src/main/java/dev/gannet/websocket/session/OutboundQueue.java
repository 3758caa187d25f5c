package dev.gannet.websocket.session;

import dev.gannet.websocket.transport.Transport;
import dev.gannet.websocket.transport.WriteCallback;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single ordered outbound path of a session, shared by the Basic and Async remotes. Data
 * messages are written in the order their first frame was queued, a message's frames are never
 * interleaved with another data message's, control frames jump ahead (also between the frames of a
 * fragmented message), and a close frame goes after the data already queued. Frames are written
 * in batches through one gathering write at a time; whoever queues a frame or completes a write
 * starts the next write, so no thread is dedicated to writing and the inbound thread is never
 * needed to finish one. Memory is bounded by {@code boundBytes} of queued payload.
 */
final class OutboundQueue {

    private static final System.Logger LOG = System.getLogger(OutboundQueue.class.getName());
    private static final int MAX_FRAMES = 32;
    private static final long MAX_BATCH_BYTES = 256 * 1024;

    /** What the session learns from the writer. */
    interface Listener {
        void onWriteActivity();

        void onCloseFrameWritten();

        void onWriteFailed(Throwable failure);
    }

    private final Transport transport;
    private final FrameWriter writer;
    private final Listener listener;
    private final long boundBytes;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<OutFrame> controls = new ArrayDeque<>();
    private final ArrayDeque<OutMessage> fifo = new ArrayDeque<>();
    private OutMessage current;
    private OutFrame closeFrame;
    private boolean closeUrgent;
    private boolean closeTaken;
    private IOException terminated;
    private long queuedBytes;
    private boolean writing;
    private boolean released;
    private ArrayList<OutFrame> batch = new ArrayList<>(MAX_FRAMES);
    private ArrayList<OutFrame> spare = new ArrayList<>(MAX_FRAMES);
    private long batchBytes;
    private boolean batchHasClose;
    private final AtomicInteger wip = new AtomicInteger();
    private final WriteCallback callback = new WriteCallback() {
        @Override
        public void completed() {
            onWriteCompleted();
        }

        @Override
        public void failed(Throwable failure) {
            onWriteFailed(failure);
        }
    };

    OutboundQueue(Transport transport, FrameWriter writer, Listener listener, long boundBytes) {
        this.transport = transport;
        this.writer = writer;
        this.listener = listener;
        this.boundBytes = boundBytes;
    }

    /**
     * Queues a data frame of {@code frame.message}. When the queue holds {@code boundBytes} or more,
     * waits up to {@code waitNanos} for room (0: fail at once). Frames of the message being written
     * and a message offered to an empty queue are always accepted.
     *
     * @return {@code null} when queued, else why not (the frame's completion is not called then)
     */
    IOException enqueueData(OutFrame frame, long waitNanos) throws InterruptedException {
        OutMessage m = frame.message;
        lock.lock();
        try {
            IOException refused = refusal();
            if (refused != null) {
                return refused;
            }
            long nanos = waitNanos;
            while (m != current && queuedBytes > 0 && queuedBytes + frame.bytes > boundBytes) {
                if (waitNanos == 0) {
                    return new IOException("Outbound queue limit of " + boundBytes
                            + " bytes reached (SessionSettings.outboundQueueBytes): the peer is not reading fast enough");
                }
                if (nanos <= 0) {
                    return new java.net.SocketTimeoutException("No room in the outbound queue (limit " + boundBytes
                            + " bytes) within the send timeout");
                }
                nanos = changed.awaitNanos(nanos);
                refused = refusal();
                if (refused != null) {
                    return refused;
                }
            }
            queuedBytes += frame.bytes;
            if (!m.queued) {
                m.queued = true;
                fifo.add(m);
            }
            m.frames.add(frame);
            if (frame.fin) {
                m.finished = true;
            }
        } finally {
            lock.unlock();
        }
        pump();
        return null;
    }

    /** Queues a control frame ahead of data. Returns {@code null} when queued, else why not. */
    IOException enqueueControl(OutFrame frame) {
        lock.lock();
        try {
            IOException refused = refusal();
            if (refused != null) {
                return refused;
            }
            controls.add(frame);
            queuedBytes += frame.bytes;
        } finally {
            lock.unlock();
        }
        pump();
        return null;
    }

    /**
     * Queues the close frame, the last frame this queue will write. Unless {@code urgent}, data
     * already queued goes first (a fragmented message whose producer has not finished it is
     * abandoned); when urgent, queued data not yet being written is dropped.
     */
    boolean enqueueClose(OutFrame frame, boolean urgent) {
        lock.lock();
        try {
            if (terminated != null || closeFrame != null) {
                return false;
            }
            closeFrame = frame;
            closeUrgent = urgent;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        pump();
        return true;
    }

    private IOException refusal() {
        if (terminated != null) {
            return new IOException(terminated.getMessage(), terminated);
        }
        if (closeFrame != null) {
            return new IOException("The session is closing: no more messages can be sent");
        }
        return null;
    }

    /**
     * Removes {@code m} if none of its frames was written yet; returns whether it was removed (its
     * frames' completions are then the caller's business).
     */
    boolean cancelIfNotStarted(OutMessage m) {
        lock.lock();
        try {
            if (m == current || !fifo.remove(m)) {
                return false;
            }
            for (OutFrame f : m.frames) {
                queuedBytes -= f.bytes;
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until nothing is queued or being written, or the time is up; returns whether drained. */
    boolean awaitDrained(long nanos) throws InterruptedException {
        lock.lock();
        try {
            while ((writing || queuedBytes > 0 || !controls.isEmpty() || !fifo.isEmpty()) && terminated == null) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the queue: every frame still queued fails with {@code reason}, later offers are refused,
     * and the writer's resources are released once no write is in flight.
     */
    void terminate(IOException reason) {
        List<OutFrame> failed = new ArrayList<>();
        boolean release;
        lock.lock();
        try {
            if (terminated == null) {
                terminated = reason;
            }
            drainAll(failed);
            released = true;
            release = !writing;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        failAll(failed, reason);
        if (release) {
            writer.close();
        }
    }

    private void drainAll(List<OutFrame> into) {
        into.addAll(controls);
        controls.clear();
        if (current != null) {
            into.addAll(current.frames);
            current.frames.clear();
            current = null;
        }
        for (OutMessage m : fifo) {
            into.addAll(m.frames);
            m.frames.clear();
        }
        fifo.clear();
        if (closeFrame != null && !closeTaken) {
            into.add(closeFrame);
            closeTaken = true;
        }
        queuedBytes = 0;
    }

    private static void failAll(List<OutFrame> frames, Throwable reason) {
        for (OutFrame f : frames) {
            try {
                f.complete(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Send completion failed", e);
            }
        }
    }

    void pump() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        do {
            startWrite();
        } while (wip.decrementAndGet() != 0);
    }

    private void startWrite() {
        List<OutFrame> dropped = new ArrayList<>(0);
        ArrayList<OutFrame> toWrite;
        lock.lock();
        try {
            if (writing || terminated != null) {
                return;
            }
            collect(dropped);
            if (batch.isEmpty()) {
                toWrite = null;
            } else {
                writing = true;
                toWrite = batch;
            }
        } finally {
            lock.unlock();
        }
        failAll(dropped, new IOException("The session closed before this message was sent"));
        if (toWrite == null) {
            return;
        }
        ByteBuffer[] buffers;
        try {
            buffers = writer.prepare(toWrite);
        } catch (RuntimeException e) {
            onWriteFailed(e);
            return;
        }
        transport.write(buffers, callback);
    }

    /** Fills {@link #batch} with what may be written now. Holds the lock. */
    private void collect(List<OutFrame> dropped) {
        batch.clear();
        batchBytes = 0;
        batchHasClose = false;
        if (closeTaken) {
            return;
        }
        while (!controls.isEmpty() && batch.size() < MAX_FRAMES) {
            add(controls.poll());
        }
        if (closeFrame != null && closeUrgent) {
            dropUnsent(dropped);
        }
        while (batch.size() < MAX_FRAMES && batchBytes < MAX_BATCH_BYTES) {
            if (current == null) {
                current = fifo.poll();
                if (current == null) {
                    break;
                }
            }
            OutFrame f = current.frames.poll();
            if (f == null) {
                break;
            }
            add(f);
            if (f.fin) {
                current = null;
            }
        }
        if (closeFrame != null && batch.size() < MAX_FRAMES && batchBytes < MAX_BATCH_BYTES && controls.isEmpty()) {
            if (current != null && current.frames.isEmpty()) {
                dropUnsent(dropped); // the producer of a fragmented message did not finish it in time
            }
            if (current == null && fifo.isEmpty()) {
                add(closeFrame);
                closeTaken = true;
                batchHasClose = true;
            }
        }
    }

    private void dropUnsent(List<OutFrame> dropped) {
        if (current != null) {
            dropped.addAll(current.frames);
            for (OutFrame f : current.frames) {
                queuedBytes -= f.bytes;
            }
            current.frames.clear();
            current = null;
        }
        for (OutMessage m : fifo) {
            for (OutFrame f : m.frames) {
                queuedBytes -= f.bytes;
                dropped.add(f);
            }
            m.frames.clear();
        }
        fifo.clear();
    }

    private void add(OutFrame f) {
        batch.add(f);
        batchBytes += f.bytes;
    }

    private void onWriteCompleted() {
        ArrayList<OutFrame> done;
        boolean closeWritten;
        boolean release;
        lock.lock();
        try {
            writing = false;
            done = batch;
            batch = spare;
            spare = done;
            queuedBytes -= batchBytes;
            if (batchHasClose) {
                queuedBytes = 0;
            }
            closeWritten = batchHasClose;
            release = released;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        listener.onWriteActivity();
        for (OutFrame f : done) {
            try {
                f.complete(null);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Send completion failed", e);
            }
        }
        done.clear();
        if (release) {
            writer.close();
            return;
        }
        if (closeWritten) {
            listener.onCloseFrameWritten();
        }
        pump();
    }

    private void onWriteFailed(Throwable failure) {
        IOException reason = failure instanceof IOException io ? io
                : new IOException("Write failed: " + failure, failure);
        List<OutFrame> failed = new ArrayList<>();
        lock.lock();
        try {
            writing = false;
            failed.addAll(batch);
            batch.clear();
            if (terminated == null) {
                terminated = reason;
            }
            drainAll(failed);
            released = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        failAll(failed, reason);
        writer.close();
        listener.onWriteFailed(reason);
    }

    /** Payload bytes queued and not yet written (for tests and diagnostics). */
    long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    static long toNanos(long millis) {
        return millis <= 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
