package dev.gannet.websocket.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;

/**
 * One streamed message: the handler runs on the session's executor, reading the pipe that the
 * inbound thread fills. At the end of the message the inbound thread waits for the handler to
 * return, so the next callback of the session cannot overlap it.
 */
final class StreamDelivery {

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

    void finish() {
        pipe.closeWrite();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
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
