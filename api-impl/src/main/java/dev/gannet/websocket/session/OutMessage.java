package dev.gannet.websocket.session;

import java.util.ArrayDeque;

/**
 * One outgoing data message in the outbound queue: its frames arrive from the producer over time
 * (all at once for a whole message, one per call for a partial one) and are written in order,
 * never interleaved with another data message's frames. Guarded by the queue's lock.
 */
final class OutMessage {

    final ArrayDeque<OutFrame> frames = new ArrayDeque<>(2);
    /** Whether the message is in the queue's FIFO (or is the one being written). */
    boolean queued;
    /** Whether its final frame was queued. */
    boolean finished;
}
