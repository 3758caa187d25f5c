package dev.gannet.websocket.session;

import java.util.ArrayDeque;

/**
 * One outgoing data message in the outbound queue: its frames arrive from the producer over time
 * (all at once for a whole message, one per call for a partial one) and are written in order,
 * never interleaved with another data message's frames. Guarded by the queue's lock.
 */
final class OutMessage {

    final ArrayDeque<OutFrame> frames = new ArrayDeque<>(2);
    /** Whether the message entered the queue's FIFO (it may since have been written or dropped). */
    boolean queued;
    /** Whether its last frame (fin) was queued: nothing more will come from the producer. */
    boolean finished;
    /** {@link System#nanoTime()} when its producer last queued a frame: how long a stalled one waits. */
    long lastOfferNanos;

    /** Ready for reuse by its owner once every frame was written (the queue holds it no more). */
    void reset() {
        frames.clear();
        queued = false;
        finished = false;
    }
}
