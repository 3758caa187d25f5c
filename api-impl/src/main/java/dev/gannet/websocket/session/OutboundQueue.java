package dev.gannet.websocket.session;

import dev.gannet.websocket.transport.Transport;
import dev.gannet.websocket.transport.WriteCallback;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
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
final class OutboundQueue implements WriteCallback {

    private static final VarHandle SPARE;
    private static final VarHandle WIP;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SPARE = lookup.findVarHandle(OutboundQueue.class, "spare", ArrayList.class);
            WIP = lookup.findVarHandle(OutboundQueue.class, "wip", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final System.Logger LOG = System.getLogger(OutboundQueue.class.getName());
    private static final int MAX_FRAMES = 32;
    private static final long MAX_BATCH_BYTES = 256 * 1024;
    /** While batching, data is held until a flush or until this many bytes are queued. */
    static final long BATCH_BYTES = 64 * 1024;
    /** Writes one pumping thread starts before it hands the rest to the executor. */
    static final int MAX_WRITES_PER_PUMP = 8;

    /** What the session learns from the writer. */
    interface Listener {
        void onWriteActivity();

        void onCloseFrameWritten();

        /**
         * A write failed; the queue is terminated. {@code closeFrameInFlight}: the failed write
         * carried our close frame, which the peer may still have received (a peer that closes
         * right after reading it makes the transport report a failure of a delivered write).
         */
        void onWriteFailed(Throwable failure, boolean closeFrameInFlight);
    }

    private final Transport transport;
    private final FrameWriter writer;
    private final Listener listener;
    private final long boundBytes;
    private final Executor handOff;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final FrameSchedule schedule = new FrameSchedule();
    private IOException terminated;
    private long queuedBytes;
    private boolean writing;
    /** Written under the lock; read without it by senders choosing whether to copy. */
    private volatile boolean batching;
    /**
     * False only when the last look under the lock found nothing to write and nothing was
     * queued since: the pump's look after each completed write then costs no lock. Set under
     * the lock by everything that queues or releases frames.
     */
    private volatile boolean mayHaveWork;
    private boolean flushRequested;
    private boolean released;
    /**
     * The frames of the write in flight, owned by that write alone: its completion walks them
     * outside the lock while the next write (with another list) may already be running and even
     * completing, so a list is never shared between two writes. {@code null} when none is in flight.
     */
    private ArrayList<OutFrame> inFlight;
    /**
     * A cleared list for the next write, handed back by the walk that finished with it; the first
     * write creates it (an idle session that never wrote holds none).
     */
    private volatile ArrayList<OutFrame> spare; // swapped through SPARE
    private long batchBytes;
    private boolean batchHasClose;
    private volatile int wip; // counted through WIP
    /** Frames a close dropped, filled and emptied by startWrite (one pump at a time: no sharing). */
    private List<OutFrame> droppedScratch; // made by the first write

    OutboundQueue(Transport transport, FrameWriter writer, Listener listener, long boundBytes, Executor handOff) {
        this.transport = transport;
        this.handOff = handOff;
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
            while (!schedule.isCurrent(m) && queuedBytes > 0 && queuedBytes + frame.bytes > boundBytes) {
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
            schedule.addData(frame, System.nanoTime());
            mayHaveWork = true;
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
            schedule.addControl(frame);
            queuedBytes += frame.bytes;
            mayHaveWork = true;
        } finally {
            lock.unlock();
        }
        pump();
        return null;
    }

    /**
     * Queues the close frame, the last frame this queue will write. Unless {@code urgent}, complete
     * data already queued goes first and an unfinished message is dropped (with the data behind it
     * when its first frames are already on the wire: see {@link FrameSchedule}); when urgent,
     * queued data not yet being written is dropped.
     */
    boolean enqueueClose(OutFrame frame, boolean urgent) {
        lock.lock();
        try {
            if (terminated != null || !schedule.setClose(frame, urgent)) {
                return false;
            }
            mayHaveWork = true;
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
        if (schedule.closing()) {
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
            if (!schedule.removeIfNotStarted(m)) {
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

    /** Batching on: data frames wait for {@link #flush()} (or {@link #BATCH_BYTES}); off: flushes. */
    void setBatching(boolean on) {
        lock.lock();
        try {
            batching = on;
            if (!on) {
                flushRequested = true;
            }
            mayHaveWork = true;
        } finally {
            lock.unlock();
        }
        pump();
    }

    boolean isBatching() {
        return batching;
    }

    /** Writes the held data (batching). */
    void flush() {
        lock.lock();
        try {
            flushRequested = true;
            mayHaveWork = true;
        } finally {
            lock.unlock();
        }
        pump();
    }

    /**
     * Waits until nothing is queued or being written, or the time is up; returns whether drained.
     *
     * @throws IOException when the queue was terminated: what it held was dropped, not written
     */
    boolean awaitDrained(long nanos) throws InterruptedException, IOException {
        lock.lock();
        try {
            while (writing || queuedBytes > 0 || !schedule.isIdle() || terminated != null) {
                if (terminated != null) {
                    throw new IOException("The session ended; queued messages were not all written: "
                            + terminated.getMessage(), terminated);
                }
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
        schedule.drainAll(into);
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
        if ((int) WIP.getAndAdd(this, 1) != 0) {
            return;
        }
        int writes = 0;
        do {
            if (writes == MAX_WRITES_PER_PUMP) {
                // A transport that completes writes inline would keep this thread (a sender's, or
                // the inbound one) writing everyone's frames for as long as the socket takes them.
                // It has done its share: wip stays non-zero, so no one else starts pumping until
                // the executor's pump takes over from a clean count.
                handOff.execute(this::resumePump);
                return;
            }
            if (startWrite()) {
                writes++;
            }
        } while ((int) WIP.getAndAdd(this, -1) != 1);
    }

    private void resumePump() {
        wip = 0;
        pump();
    }

    /** Starts the next write if one may start; returns whether it did. */
    private boolean startWrite() {
        // Nearly always empty: a close drops unsent data at most once per session.
        if (!mayHaveWork) {
            return false;
        }
        List<OutFrame> dropped = droppedScratch;
        if (dropped == null) {
            dropped = new ArrayList<>(0);
            droppedScratch = dropped;
        }
        ArrayList<OutFrame> toWrite = null;
        lock.lock();
        try {
            if (writing || terminated != null) {
                return false;
            }
            ArrayList<OutFrame> batch = takeList();
            collect(batch, dropped);
            if (batch.isEmpty()) {
                spare = batch;
                // Nothing is held back (batching) or left: nothing to do until more is queued.
                mayHaveWork = !schedule.isIdle() || flushRequested;
            } else {
                writing = true;
                inFlight = batch;
                toWrite = batch;
            }
        } finally {
            lock.unlock();
        }
        if (!dropped.isEmpty()) {
            List<OutFrame> failed = new ArrayList<>(dropped);
            dropped.clear();
            failAll(failed, new IOException("The session closed before this message was sent"));
        }
        if (toWrite == null) {
            return false;
        }
        ByteBuffer[] buffers;
        try {
            buffers = writer.prepare(toWrite);
        } catch (RuntimeException e) {
            onWriteFailed(e);
            return false;
        }
        try {
            transport.write(buffers, this);
        } catch (RuntimeException e) {
            onWriteFailed(e);
        }
        return true;
    }

    /** The spare list if no completion walk still holds it, else a new one (rare: two writes overlap). */
    private ArrayList<OutFrame> takeList() {
        @SuppressWarnings("unchecked")
        ArrayList<OutFrame> list = (ArrayList<OutFrame>) SPARE.getAndSet(this, (ArrayList<OutFrame>) null);
        return list != null ? list : new ArrayList<>(MAX_FRAMES);
    }

    /** Fills {@code batch} with what may be written now. Holds the lock. */
    private void collect(ArrayList<OutFrame> batch, List<OutFrame> dropped) {
        boolean holdData = batching && !flushRequested && queuedBytes < BATCH_BYTES;
        schedule.collect(batch, dropped, MAX_FRAMES, MAX_BATCH_BYTES, holdData);
        if (flushRequested && schedule.isIdle()) {
            flushRequested = false;
        }
        batchBytes = 0;
        for (int i = 0, n = batch.size(); i < n; i++) { // indexed: no iterator per write
            batchBytes += batch.get(i).bytes;
        }
        batchHasClose = !batch.isEmpty() && schedule.isCloseFrame(batch.get(batch.size() - 1));
        for (OutFrame f : dropped) {
            queuedBytes -= f.bytes;
        }
    }

    /** The transport finished the write in flight (the queue is its own callback: one object less per session). */
    @Override
    public void completed() {
        onWriteCompleted();
    }

    /** The transport failed the write in flight. */
    @Override
    public void failed(Throwable failure) {
        onWriteFailed(failure);
    }

    private void onWriteCompleted() {
        ArrayList<OutFrame> done;
        boolean closeWritten;
        boolean release;
        lock.lock();
        try {
            writer.forgetLastWrite(); // under the lock: the next prepare happens-after it
            writing = false;
            done = inFlight;
            inFlight = null;
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
        for (int i = 0, n = done.size(); i < n; i++) { // indexed: no iterator per write
            OutFrame f = done.get(i);
            try {
                f.complete(null);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Send completion failed", e);
            }
        }
        done.clear();
        SPARE.compareAndSet(this, (ArrayList<OutFrame>) null, done);
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
        boolean closeInFlight;
        lock.lock();
        try {
            closeInFlight = writing && batchHasClose;
            writing = false;
            if (inFlight != null) {
                failed.addAll(inFlight);
                inFlight = null;
            }
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
        listener.onWriteFailed(reason, closeInFlight);
    }

    /** See {@link FrameSchedule#stalledNanos}. */
    long stalledNanos() {
        lock.lock();
        try {
            return schedule.stalledNanos(System.nanoTime());
        } finally {
            lock.unlock();
        }
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

    /**
     * What the queue holds while nothing is queued, for the idle-footprint tests: header slots
     * of the writer, whether the schedule's queues and the spare batch list exist.
     */
    int writerHeaderSlots() {
        lock.lock();
        try {
            return writer.headerSlotCount();
        } finally {
            lock.unlock();
        }
    }

    boolean hasScheduleQueues() {
        lock.lock();
        try {
            return schedule.hasQueues();
        } finally {
            lock.unlock();
        }
    }

    boolean hasSpareList() {
        return spare != null;
    }

    static long toNanos(long millis) {
        return millis <= 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
