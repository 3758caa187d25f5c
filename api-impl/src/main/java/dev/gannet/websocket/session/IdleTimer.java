package dev.gannet.websocket.session;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires once when a session saw no inbound or outbound activity for its idle timeout. Activity
 * only records a timestamp (one volatile write, no timer churn); the timer task re-arms itself for
 * the remaining time when activity happened since it was set, so it never fires early. A timeout
 * of 0 disables it; changing the timeout counts as activity.
 */
final class IdleTimer implements Callable<Void> {

    // The session itself rather than a callback object, and the timer is its own task: every
    // session has one of these, so each object saved here is saved per connection.
    private final WsSession session;
    private volatile long lastActivity = System.nanoTime();
    private long timeoutMs;
    private ScheduledFuture<?> task;
    private boolean stopped;

    IdleTimer(WsSession session, long initialTimeoutMs) {
        this.session = session;
        this.timeoutMs = Math.max(0, initialTimeoutMs);
    }

    void touch() {
        lastActivity = System.nanoTime();
    }

    synchronized long timeoutMs() {
        return timeoutMs;
    }

    synchronized void setTimeout(long ms) {
        timeoutMs = Math.max(0, ms);
        touch();
        cancelTask();
        if (timeoutMs > 0 && !stopped) {
            task = SessionScheduler.scheduleCallNanos(this, TimeUnit.MILLISECONDS.toNanos(timeoutMs));
        }
    }

    /** The timer task: fires, or re-arms itself for the rest of the timeout. */
    @Override
    public Void call() {
        synchronized (this) {
            task = null;
            if (stopped || timeoutMs <= 0) {
                return null;
            }
            long idleNanos = System.nanoTime() - lastActivity;
            long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            if (idleNanos < timeoutNanos) {
                task = SessionScheduler.scheduleCallNanos(this, timeoutNanos - idleNanos);
                return null;
            }
            stopped = true;
        }
        session.idleTimeoutExpired();
        return null;
    }

    /** Whether a timer task is pending (tests and diagnostics). */
    synchronized boolean isArmed() {
        return task != null;
    }

    synchronized void stop() {
        stopped = true;
        cancelTask();
    }

    private void cancelTask() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
