package dev.gannet.websocket.session;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The completion of one send as a {@link Future}: done when the frame was written or failed.
 * Cancelling is not supported (a queued frame is not withdrawn on request).
 */
final class SendFuture implements Future<Void>, SendCompletion {

    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean completed = new AtomicBoolean();
    private volatile Throwable failure;

    @Override
    public void completed(Throwable failure) {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        this.failure = failure;
        done.countDown();
    }

    /** Waits up to {@code nanos}; returns whether done. */
    boolean await(long nanos) throws InterruptedException {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean isDone() {
        return done.getCount() == 0;
    }

    @Override
    public Void get() throws InterruptedException, ExecutionException {
        done.await();
        return result();
    }

    @Override
    public Void get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!done.await(timeout, unit)) {
            throw new TimeoutException("The message was not sent within " + timeout + " " + unit);
        }
        return result();
    }

    private Void result() throws ExecutionException {
        Throwable f = failure;
        if (f != null) {
            throw new ExecutionException(f);
        }
        return null;
    }
}
