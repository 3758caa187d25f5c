package dev.gannet.websocket.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The send timeouts of one session's async sends, watched by one timer task instead of one per
 * message: a send records its deadline when queued and joins a FIFO; sends leave it at the head as
 * they complete (data is written in queue order, so completions come in order). The task is
 * armed only while sends are pending: it looks at the head only and re-arms itself for the head's
 * deadline, so a burst of sends costs one timer task, not one per message (a session sending one
 * message at a time still arms and disarms per message). {@link #stop()} cancels it so a closed
 * session is never held by the timer. A send timeout shortened while sends are pending applies
 * to later sends once they reach the head.
 */
final class AsyncDeadlines {

    /** A pending async send: its deadline, and what to do when it passes undone. */
    interface Entry {
        long deadlineNanos();

        boolean isDone();

        void expire();
    }

    /** Created by the first async send with a timeout; guarded by {@code this}. */
    private ArrayDeque<Entry> pending;
    private ScheduledFuture<?> timer;
    private boolean stopped;

    /** Starts watching {@code e}. */
    void add(Entry e) {
        synchronized (this) {
            if (stopped) {
                return; // the queue was terminated too: the send fails through it
            }
            if (pending == null) {
                pending = new ArrayDeque<>(4);
            }
            pending.add(e);
            if (timer == null) {
                timer = SessionScheduler.scheduleNanos(this::check, e.deadlineNanos() - System.nanoTime());
            }
        }
    }

    /**
     * A send completed: drops the completed sends at the head, keeping the FIFO short, and
     * disarms the check once nothing is pending (an idle session holds no timer task).
     */
    void completed() {
        synchronized (this) {
            if (pending == null) {
                return;
            }
            Entry head;
            while ((head = pending.peek()) != null && head.isDone()) {
                pending.poll();
            }
            if (head == null && timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    private void check() {
        List<Entry> expired = null;
        synchronized (this) {
            timer = null;
            if (pending == null) {
                return;
            }
            long now = System.nanoTime();
            Entry head;
            while ((head = pending.peek()) != null && (head.isDone() || head.deadlineNanos() - now <= 0)) {
                pending.poll();
                if (!head.isDone()) {
                    if (expired == null) {
                        expired = new ArrayList<>();
                    }
                    expired.add(head);
                }
            }
            if (head != null && !stopped) {
                timer = SessionScheduler.scheduleNanos(this::check, head.deadlineNanos() - now);
            }
        }
        if (expired != null) {
            for (Entry e : expired) {
                e.expire();
            }
        }
    }

    /** Whether the queue of watched sends exists yet (tests: no async send with a timeout, none). */
    synchronized boolean hasQueue() {
        return pending != null;
    }

    /** Whether the check is pending (tests and diagnostics). */
    boolean isArmed() {
        synchronized (this) {
            return timer != null;
        }
    }

    /** The session ended: no more checks (pending sends are failed by the queue). */
    void stop() {
        synchronized (this) {
            stopped = true;
            if (pending != null) {
                pending.clear();
            }
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
