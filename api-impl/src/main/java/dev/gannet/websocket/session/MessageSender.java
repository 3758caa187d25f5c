package dev.gannet.websocket.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The send logic shared by the Basic and Async remotes on top of the session's one
 * {@link OutboundQueue}: blocking sends wait (up to the send timeout) for room and for the write,
 * async sends fail at once when the queue is full and are failed by a timer when not written in
 * time. A send that times out before any of its bytes were written is withdrawn; one that timed
 * out half written leaves the connection unusable, so the session is failed (1006).
 */
final class MessageSender {

    private final WsSession session;
    private final OutboundQueue queue;
    private volatile long sendTimeoutMs;

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
        OutFrame frame = new OutFrame(opcode, fin, payload, future, m);
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
        return future;
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
            withdrawOrFail(m, timeout);
            throw timeout;
        }
        Throwable failure = future.failure();
        if (failure != null) {
            throw failure instanceof IOException io ? new IOException(io.getMessage(), io)
                    : new IOException("Send failed: " + failure, failure);
        }
    }

    /** Blocking send of one frame (a whole message or one part of one). */
    void sendBlocking(OutMessage m, int opcode, ByteBuffer payload, boolean fin) throws IOException {
        await(enqueueBlocking(m, opcode, payload, fin), m);
    }

    /** Async send of a whole message; {@code completion} is told exactly once. */
    void sendAsync(int opcode, ByteBuffer payload, SendCompletion completion) {
        OutMessage m = new OutMessage();
        OnceCompletion once = new OnceCompletion(completion);
        OutFrame frame = new OutFrame(opcode, true, payload, once, m);
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
        long timeoutMs = sendTimeoutMs;
        if (timeoutMs > 0 && !once.isDone()) {
            once.arm(SessionScheduler.schedule(() -> {
                SocketTimeoutException timeout = new SocketTimeoutException(
                        "Message not sent within the send timeout of " + timeoutMs + " ms");
                if (once.isDone()) {
                    return;
                }
                if (queue.cancelIfNotStarted(m)) {
                    once.completed(timeout);
                } else {
                    once.completed(timeout); // this send learns of the timeout; the others of the failure
                    session.failOnSendTimeout(timeout);
                }
            }, timeoutMs));
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

    private void withdrawOrFail(OutMessage m, IOException timeout) {
        if (queue.cancelIfNotStarted(m)) {
            for (OutFrame f : m.frames) {
                f.complete(timeout);
            }
            m.frames.clear();
        } else {
            session.failOnSendTimeout(timeout);
        }
    }

    /** Calls the wrapped completion once, and cancels its timer. */
    private static final class OnceCompletion implements SendCompletion {
        private final SendCompletion target;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile ScheduledFuture<?> timer;

        OnceCompletion(SendCompletion target) {
            this.target = target;
        }

        void arm(ScheduledFuture<?> timer) {
            this.timer = timer;
            if (done.get()) {
                timer.cancel(false);
            }
        }

        boolean isDone() {
            return done.get();
        }

        @Override
        public void completed(Throwable failure) {
            if (done.compareAndSet(false, true)) {
                ScheduledFuture<?> t = timer;
                if (t != null) {
                    t.cancel(false);
                }
                target.completed(failure);
            }
        }
    }
}
