package dev.gannet.websocket.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One streamed message: the handler runs on the session's executor, reading the pipe that the
 * inbound thread fills. At the end of the message the inbound thread waits for the handler to
 * return, so the next callback of the session cannot overlap it (bounded once the session is
 * closing, see {@link #finish()}).
 */
final class StreamDelivery {

    private static final System.Logger LOG = System.getLogger(StreamDelivery.class.getName());

    private final WsSession session;
    private final HandlerBinding binding;
    private final StreamPipe pipe;
    private final Object argument;
    private final CountDownLatch done = new CountDownLatch(1);

    StreamDelivery(WsSession session, HandlerBinding binding, StreamPipe pipe, Object argument) {
        this.session = session;
        this.binding = binding;
        this.pipe = pipe;
        this.argument = argument;
    }

    void start() {
        try {
            session.executor().execute(this::run);
        } catch (RejectedExecutionException e) {
            pipe.readerDone();
            done.countDown();
            session.deliverError(e);
        }
    }

    private void run() {
        try {
            session.invoke(() -> binding.whole(argument));
        } finally {
            pipe.readerDone();
            done.countDown();
        }
    }

    void write(ByteBuffer chunk) {
        try {
            pipe.write(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pipe.fail(new InterruptedIOException("Interrupted while delivering a message"));
        }
    }

    /**
     * Ends the message and waits for the handler to return. While the session is open the wait
     * has no limit (the next callback must not overlap this one). Once the session is closing it
     * is bounded by the close timeout: the inbound thread (a container I/O thread) must get back
     * to reading the peer's close, or be freed once the session is torn down; the handler then
     * finishes on its own (its reads fail, and the callback lock still keeps {@code onClose}
     * from overlapping it).
     */
    void finish() {
        pipe.closeWrite();
        boolean interrupted = false;
        long closingSince = 0;
        // Look every quarter of the close timeout; once closing, give up after half of it, so the
        // peer's close can still be read before the close timer aborts the connection.
        long closeTimeoutMs = Math.max(4, session.settings().closeTimeoutMs());
        long slice = closeTimeoutMs / 4;
        while (true) {
            try {
                if (done.await(slice, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                continue;
            }
            if (!session.closeHandshake().isOpen()) {
                long now = System.nanoTime();
                if (closingSince == 0) {
                    closingSince = now;
                } else if (now - closingSince >= TimeUnit.MILLISECONDS.toNanos(closeTimeoutMs / 2)) {
                    LOG.log(Level.WARNING, "Session " + session.getId() + " is closing and its stream handler "
                            + binding + " has not returned within half the close timeout; no longer waiting for it");
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    void fail(IOException reason) {
        pipe.fail(reason);
    }
}
