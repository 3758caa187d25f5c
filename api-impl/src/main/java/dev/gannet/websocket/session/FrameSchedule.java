package dev.gannet.websocket.session;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The order in which queued frames may be written: control frames first (also between the frames
 * of a fragmented message), then data messages in the order their first frame was queued, each
 * message's frames together; the close frame last, after the data already queued (or at once,
 * dropping unsent data, when urgent). A fragmented message whose producer has not finished it
 * blocks the data behind it. Not thread-safe: {@link OutboundQueue} guards it with its lock.
 */
final class FrameSchedule {

    private final ArrayDeque<OutFrame> controls = new ArrayDeque<>();
    private final ArrayDeque<OutMessage> fifo = new ArrayDeque<>();
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
        return controls.isEmpty() && fifo.isEmpty() && (current == null || current.frames.isEmpty());
    }

    void addData(OutFrame frame) {
        OutMessage m = frame.message;
        if (!m.queued) {
            m.queued = true;
            fifo.add(m);
        }
        m.frames.add(frame);
        if (frame.fin) {
            m.finished = true;
        }
    }

    void addControl(OutFrame frame) {
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
        return m != current && fifo.remove(m);
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
        while (!controls.isEmpty() && batch.size() < maxFrames) {
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
                current = fifo.poll();
                if (current == null) {
                    break;
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
        if (closeFrame != null && batch.size() < maxFrames && bytes < maxBytes && controls.isEmpty()) {
            if (current != null && current.frames.isEmpty()) {
                dropUnsent(dropped); // the producer of a fragmented message did not finish it in time
            }
            if (current == null && fifo.isEmpty()) {
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
        for (OutMessage m : fifo) {
            dropped.addAll(m.frames);
            m.frames.clear();
        }
        fifo.clear();
    }

    /** Removes every frame still queued, the close frame included if not taken. */
    void drainAll(List<OutFrame> into) {
        into.addAll(controls);
        controls.clear();
        dropUnsent(into);
        if (closeFrame != null && !closeTaken) {
            into.add(closeFrame);
            closeTaken = true;
        }
    }
}
