package dev.gannet.websocket.session;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The completion of one send as a {@link Future}: done when the frame was written or failed.
 * Cancelling is not supported (a queued frame is not withdrawn on request). One small object
 * per send (it is on the hot path): the synchronizer's state is the done flag, set once.
 */
final class SendFuture implements Future<Void>, SendCompletion {

    /** State 0: pending, 1: being completed (failure being set), 2: done. Acquire succeeds once done. */
    private static final class Sync extends AbstractQueuedSynchronizer {
        @Override
        protected int tryAcquireShared(int ignored) {
            return getState() == 2 ? 1 : -1;
        }

        @Override
        protected boolean tryReleaseShared(int ignored) {
            setState(2);
            return true;
        }

        /** Only the first completion gets to set the outcome. */
        boolean claim() {
            return compareAndSetState(0, 1);
        }

        boolean done() {
            return getState() == 2;
        }

        void reset() {
            setState(0);
        }
    }

    private final Sync sync = new Sync();
    private volatile Throwable failure;

    @Override
    public void completed(Throwable failure) {
        if (!sync.claim()) {
            return;
        }
        this.failure = failure; // before the release, which publishes it to every waiter
        sync.releaseShared(1);
    }

    /**
     * Makes a completed future pending again, for its owner's next send (a per-session pooled
     * blocking send). Only when no one else holds it: completed, and never handed to user code.
     */
    void reset() {
        failure = null;
        sync.reset();
    }

    /** Waits up to {@code nanos}; returns whether done. */
    boolean await(long nanos) throws InterruptedException {
        return sync.tryAcquireSharedNanos(1, nanos);
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
        return sync.done();
    }

    @Override
    public Void get() throws InterruptedException, ExecutionException {
        sync.acquireSharedInterruptibly(1);
        return result();
    }

    @Override
    public Void get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!sync.tryAcquireSharedNanos(1, unit.toNanos(timeout))) {
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
