package dev.gannet.websocket.session;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires once when a session saw no inbound or outbound activity for its idle timeout. Activity
 * only records a timestamp (one volatile write, no timer churn); the timer task re-arms itself for
 * the remaining time when activity happened since it was set, so it never fires early. A timeout
 * of 0 disables it; changing the timeout counts as activity.
 */
final class IdleTimer {

    private final Runnable onExpiry;
    private volatile long lastActivity = System.nanoTime();
    private long timeoutMs;
    private ScheduledFuture<?> task;
    private boolean stopped;

    IdleTimer(Runnable onExpiry, long initialTimeoutMs) {
        this.onExpiry = onExpiry;
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
            task = SessionScheduler.schedule(this::check, timeoutMs);
        }
    }

    private void check() {
        synchronized (this) {
            task = null;
            if (stopped || timeoutMs <= 0) {
                return;
            }
            long idleNanos = System.nanoTime() - lastActivity;
            long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            if (idleNanos < timeoutNanos) {
                task = SessionScheduler.scheduleNanos(this::check, timeoutNanos - idleNanos);
                return;
            }
            stopped = true;
        }
        onExpiry.run();
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
