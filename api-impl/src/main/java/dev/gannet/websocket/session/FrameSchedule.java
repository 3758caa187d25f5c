package dev.gannet.websocket.session;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The order in which queued frames may be written: control frames first (also between the frames
 * of a fragmented message), then data messages in the order their first frame was queued, each
 * message's frames together; the close frame last, after the data already queued (or at once,
 * dropping unsent data, when urgent). A fragmented message whose producer has not finished it
 * blocks the data behind it ({@link #stalledNanos} tells for how long, so the sender can fail a
 * session whose producer stalled). At a close that is not urgent an unfinished message not yet
 * started is dropped alone; one already started takes the data behind it along. Not thread-safe:
 * {@link OutboundQueue} guards it with its lock.
 */
final class FrameSchedule {

    // Created by the first frame queued: an idle session holds no queue arrays. Small to start
    // with, as a session rarely has more than a message or two waiting.
    private ArrayDeque<OutFrame> controls;
    private ArrayDeque<OutMessage> fifo;
    private OutMessage current;
    private OutFrame closeFrame;
    private boolean closeUrgent;
    private boolean closeTaken;

    boolean closing() {
        return closeFrame != null;
    }

    boolean closeTaken() {
        return closeTaken;
    }

    boolean isCurrent(OutMessage m) {
        return m == current;
    }

    boolean isIdle() {
        return noControls() && noMessages() && (current == null || current.frames.isEmpty());
    }

    void addData(OutFrame frame, long nowNanos) {
        OutMessage m = frame.message;
        if (!m.queued) {
            m.queued = true;
            if (fifo == null) {
                fifo = new ArrayDeque<>(4);
            }
            fifo.add(m);
        }
        m.frames.add(frame);
        m.finished |= frame.fin;
        m.lastOfferNanos = nowNanos;
    }

    /**
     * How long the producer of the message being written has not offered its next frame, when
     * that message is what holds up the data behind it; -1 when no such message blocks the queue.
     */
    long stalledNanos(long nowNanos) {
        if (current == null || !current.frames.isEmpty() || current.finished || noMessages()) {
            return -1;
        }
        return nowNanos - current.lastOfferNanos;
    }

    void addControl(OutFrame frame) {
        if (controls == null) {
            controls = new ArrayDeque<>(4);
        }
        controls.add(frame);
    }

    /** Sets the close frame; false if one was set already. */
    boolean setClose(OutFrame frame, boolean urgent) {
        if (closeFrame != null) {
            return false;
        }
        closeFrame = frame;
        closeUrgent = urgent;
        return true;
    }

    /** Removes {@code m} if none of its frames was taken yet. */
    boolean removeIfNotStarted(OutMessage m) {
        return m != current && fifo != null && fifo.remove(m);
    }

    /**
     * Moves what may be written now into {@code batch} (at most {@code maxFrames} frames, stopping
     * once {@code maxBytes} is reached; only control frames when {@code holdData}); frames dropped
     * because of a close go to {@code dropped}.
     */
    void collect(List<OutFrame> batch, List<OutFrame> dropped, int maxFrames, long maxBytes, boolean holdData) {
        if (closeTaken) {
            return;
        }
        long bytes = 0;
        while (!noControls() && batch.size() < maxFrames) {
            OutFrame f = controls.poll();
            batch.add(f);
            bytes += f.bytes;
        }
        if (holdData && closeFrame == null) {
            return; // batching: data waits for a flush
        }
        if (closeFrame != null && closeUrgent) {
            dropUnsent(dropped);
        }
        while (batch.size() < maxFrames && bytes < maxBytes) {
            if (current == null) {
                current = fifo == null ? null : fifo.poll();
                if (current == null) {
                    break;
                }
                if (closeFrame != null && !current.finished) {
                    // Closing refuses further frames, so this message cannot be finished; none
                    // of it was written, so it alone is dropped and the complete ones behind go.
                    dropped.addAll(current.frames);
                    current.frames.clear();
                    current = null;
                    continue;
                }
            }
            OutFrame f = current.frames.poll();
            if (f == null) {
                break; // a fragmented message waiting for its producer
            }
            batch.add(f);
            bytes += f.bytes;
            if (f.fin) {
                current = null;
            }
        }
        if (closeFrame != null && batch.size() < maxFrames && bytes < maxBytes && noControls()) {
            if (current != null && current.frames.isEmpty()) {
                // The producer of a fragmented message already on the wire did not finish it
                // before the close. Only control frames may come between its frames (RFC 6455
                // 5.4), so the data queued behind it cannot be written either: all is dropped.
                dropUnsent(dropped);
            }
            if (current == null && noMessages()) {
                batch.add(closeFrame);
                closeTaken = true;
            }
        }
    }

    boolean isCloseFrame(OutFrame f) {
        return f == closeFrame;
    }

    private void dropUnsent(List<OutFrame> dropped) {
        if (current != null) {
            dropped.addAll(current.frames);
            current.frames.clear();
            current = null;
        }
        if (fifo != null) {
            for (OutMessage m : fifo) {
                dropped.addAll(m.frames);
                m.frames.clear();
            }
            fifo.clear();
        }
    }

    /** Removes every frame still queued, the close frame included if not taken. */
    void drainAll(List<OutFrame> into) {
        if (controls != null) {
            into.addAll(controls);
            controls.clear();
        }
        dropUnsent(into);
        if (closeFrame != null && !closeTaken) {
            into.add(closeFrame);
            closeTaken = true;
        }
    }

    private boolean noControls() {
        return controls == null || controls.isEmpty();
    }

    private boolean noMessages() {
        return fifo == null || fifo.isEmpty();
    }

    /** Whether the queue arrays exist yet (tests: an idle session that never sent holds none). */
    boolean hasQueues() {
        return controls != null || fifo != null;
    }
}
