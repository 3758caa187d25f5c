package dev.gannet.websocket.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * The send logic shared by the Basic and Async remotes on top of the session's one
 * {@link OutboundQueue}: blocking sends wait (up to the send timeout) for room and for the write,
 * async sends fail at once when the queue is full and are failed when not written in time (one
 * per-session watch, {@link AsyncDeadlines}, not a timer task per message). A send that times out before any of its bytes were written is withdrawn; one that timed
 * out half written leaves the connection unusable, so the session is failed (1006).
 */
final class MessageSender {

    private final WsSession session;
    private final OutboundQueue queue;
    private volatile long sendTimeoutMs;
    /** Made by the first async send with a timeout that did not complete at once; see {@link #deadlines()}. */
    private volatile AsyncDeadlines deadlines;
    private boolean deadlinesStopped; // guarded by this

    MessageSender(WsSession session, OutboundQueue queue, long sendTimeoutMs) {
        this.session = session;
        this.queue = queue;
        this.sendTimeoutMs = sendTimeoutMs;
    }

    long sendTimeoutMs() {
        return sendTimeoutMs;
    }

    void sendTimeoutMs(long ms) {
        this.sendTimeoutMs = ms;
    }

    /** Queues one frame of {@code m} and returns the future of its write, or throws if refused. */
    SendFuture enqueueBlocking(OutMessage m, int opcode, ByteBuffer payload, boolean fin) throws IOException {
        SendFuture future = new SendFuture();
        enqueueBlocking(m, future, opcode, payload, fin);
        return future;
    }

    /** Queues one frame of {@code m} completing {@code future}; returns whether it was batched (copied). */
    private boolean enqueueBlocking(OutMessage m, SendFuture future, int opcode, ByteBuffer payload, boolean fin)
            throws IOException {
        boolean batched = queue.isBatching();
        OutFrame frame = batched
                ? new OutFrame(opcode, fin, copy(payload), null, m) // complete once in the batch (API)
                : new OutFrame(opcode, fin, payload, future, m);
        IOException refused;
        try {
            refused = queue.enqueueData(frame, OutboundQueue.toNanos(sendTimeoutMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for room in the outbound queue");
        }
        if (refused != null) {
            throw refused;
        }
        if (batched) {
            future.completed(null);
        }
        return batched;
    }

    private static ByteBuffer copy(ByteBuffer payload) {
        ByteBuffer c = ByteBuffer.allocate(payload.remaining());
        c.put(payload.duplicate()).flip();
        return c;
    }

    /** Waits for {@code future}, the write of a frame of {@code m}, up to the send timeout. */
    void await(SendFuture future, OutMessage m) throws IOException {
        long timeoutMs = sendTimeoutMs;
        boolean done;
        try {
            done = future.await(OutboundQueue.toNanos(timeoutMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while sending");
        }
        if (!done) {
            SocketTimeoutException timeout = new SocketTimeoutException("Message not sent within the send timeout of "
                    + timeoutMs + " ms");
            if (withdrawOrFail(m, future, timeout, timeoutMs)) {
                throw timeout;
            }
        }
        Throwable failure = future.failure();
        if (failure != null) {
            throw failure instanceof IOException io ? new IOException(io.getMessage(), io)
                    : new IOException("Send failed: " + failure, failure);
        }
    }

    /**
     * Blocking send of a whole message with {@code m} and {@code future} supplied by the caller.
     * Returns {@code true} when the frame was written, so the caller may reuse both; {@code false}
     * when it was batched: the queue still holds {@code m}.
     */
    boolean sendBlocking(OutMessage m, SendFuture future, int opcode, ByteBuffer payload) throws IOException {
        boolean batched = enqueueBlocking(m, future, opcode, payload, true);
        await(future, m);
        return !batched;
    }

    /** Blocking send of one frame (a whole message or one part of one). */
    void sendBlocking(OutMessage m, int opcode, ByteBuffer payload, boolean fin) throws IOException {
        await(enqueueBlocking(m, opcode, payload, fin), m);
    }

    /** Async send of a whole message; {@code completion} is told exactly once. */
    void sendAsync(int opcode, ByteBuffer payload, SendCompletion completion) {
        OutMessage m = new OutMessage();
        OnceCompletion once = new OnceCompletion(completion, this);
        boolean batched = queue.isBatching();
        OutFrame frame = batched
                ? new OutFrame(opcode, true, copy(payload), null, m) // complete once in the batch (API)
                : new OutFrame(opcode, true, payload, once, m);
        IOException refused;
        try {
            refused = queue.enqueueData(frame, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refused = new InterruptedIOException("Interrupted");
        }
        if (refused != null) {
            once.completed(refused);
            return;
        }
        if (batched) {
            once.completed(null);
            return;
        }
        long timeoutMs = sendTimeoutMs;
        if (timeoutMs > 0 && !once.isDone()) {
            once.watch(m, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs), timeoutMs);
            deadlines().add(once);
        }
    }

    /** An async send's deadline passed before it was done (on the timer thread). */
    private void expire(OnceCompletion once) {
        SocketTimeoutException timeout = new SocketTimeoutException(
                "Message not sent within the send timeout of " + once.timeoutMs + " ms");
        boolean stalled = stalledFor(once.timeoutMs);
        if (queue.cancelIfNotStarted(once.message)) {
            once.completed(timeout);
            if (stalled) {
                session.failStalledPartial(once.timeoutMs);
            }
        } else if (once.tryComplete(timeout)) {
            // Half written when the deadline passed: this send learns of the timeout, the others of
            // the failure. Had the write completed meanwhile, tryComplete lost and all is well.
            session.failOnSendTimeout(timeout);
        }
    }

    /**
     * Whether a send timed out behind a fragmented message whose producer has not offered a frame for the
     * whole send timeout (a partial send never finished, a send stream left open): nothing queued
     * behind it can ever be written, so the caller fails the session with 1011 (after withdrawing
     * its own send, which thus fails with the timeout) rather than leave it open and unable to send. A producer merely slower than the timeout is treated the same: the send
     * timeout is the longest any queued message may wait.
     */
    private boolean stalledFor(long timeoutMs) {
        if (timeoutMs <= 0) {
            return false;
        }
        long stalled = queue.stalledNanos();
        return stalled >= 0 && stalled >= TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    /** Whether the async send timeout check is pending (tests and diagnostics). */
    boolean hasDeadlineQueue() {
        AsyncDeadlines d = deadlines;
        return d != null && d.hasQueue();
    }

    boolean deadlineCheckArmed() {
        AsyncDeadlines d = deadlines;
        return d != null && d.isArmed();
    }

    private AsyncDeadlines deadlines() {
        AsyncDeadlines d = deadlines;
        if (d == null) {
            synchronized (this) {
                d = deadlines;
                if (d == null) {
                    d = new AsyncDeadlines();
                    if (deadlinesStopped) {
                        d.stop(); // the session ended first: the send fails through the queue
                    }
                    deadlines = d;
                }
            }
        }
        return d;
    }

    /** The session ended: stops watching async deadlines. */
    void stop() {
        AsyncDeadlines d;
        synchronized (this) {
            deadlinesStopped = true;
            d = deadlines;
        }
        if (d != null) {
            d.stop();
        }
    }

    /** Queues a ping or pong (payload at most 125 bytes, copied). */
    void sendControl(int opcode, ByteBuffer data) throws IOException {
        ByteBuffer copy = copyControlPayload(data);
        IOException refused = queue.enqueueControl(new OutFrame(opcode, true, copy, null, null));
        if (refused != null) {
            throw refused;
        }
    }

    static ByteBuffer copyControlPayload(ByteBuffer data) {
        if (data == null) {
            return ByteBuffer.allocate(0);
        }
        if (data.remaining() > 125) {
            throw new IllegalArgumentException("Ping and pong payloads are limited to 125 bytes, got " + data.remaining());
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }

    /**
     * Withdraws a timed-out blocking send, or fails the session when it is half written; returns
     * {@code false} when the write completed after all (between the timeout and the withdrawal), so
     * the caller reports success instead of failing a healthy connection.
     */
    private boolean withdrawOrFail(OutMessage m, SendFuture future, IOException timeout, long timeoutMs) {
        boolean stalled = stalledFor(timeoutMs); // asked while m still waits behind the stalled message
        if (queue.cancelIfNotStarted(m)) {
            for (OutFrame f : m.frames) {
                f.complete(timeout);
            }
            m.frames.clear();
            if (stalled) {
                session.failStalledPartial(timeoutMs);
            }
            return true;
        }
        if (future.isDone()) {
            return false;
        }
        session.failOnSendTimeout(timeout);
        return true;
    }

    /**
     * Calls the wrapped completion once; also the send's entry in the session's deadline FIFO (one
     * object per async send, no timer task of its own).
     */
    private static final class OnceCompletion implements SendCompletion, AsyncDeadlines.Entry {
        private static final VarHandle DONE;

        static {
            try {
                DONE = MethodHandles.lookup().findVarHandle(OnceCompletion.class, "done", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final SendCompletion target;
        private final MessageSender sender;
        @SuppressWarnings("unused") // through DONE
        private volatile int done;
        private OutMessage message;
        private long deadlineNanos;
        private long timeoutMs;
        private volatile boolean watched;

        OnceCompletion(SendCompletion target, MessageSender sender) {
            this.target = target;
            this.sender = sender;
        }

        /** Set before the entry is published to the deadline FIFO (its lock orders the writes). */
        void watch(OutMessage m, long deadline, long timeout) {
            this.message = m;
            this.deadlineNanos = deadline;
            this.timeoutMs = timeout;
            this.watched = true;
        }

        @Override
        public long deadlineNanos() {
            return deadlineNanos;
        }

        @Override
        public boolean isDone() {
            return done != 0;
        }

        @Override
        public void expire() {
            sender.expire(this);
        }

        @Override
        public void completed(Throwable failure) {
            tryComplete(failure);
        }

        /** Completes unless already done; returns whether this call did it. */
        boolean tryComplete(Throwable failure) {
            if (!DONE.compareAndSet(this, 0, 1)) {
                return false;
            }
            target.completed(failure);
            AsyncDeadlines d = sender.deadlines;
            if (watched && d != null) { // null: completed before its first watch was registered
                d.completed();
            }
            return true;
        }
    }
}
