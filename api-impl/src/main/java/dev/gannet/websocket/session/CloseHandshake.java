package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.ClosePayload;
import dev.gannet.websocket.protocol.CloseCodes;
import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;

/**
 * The close state machine of a session. Every way a session ends goes through here, so that
 * {@code onClose} runs exactly once and the transport is closed once:
 * <ul>
 * <li>we close (application, idle timeout, shutdown): send close, keep reading until the peer's
 *     close (then close the transport and run {@code onClose}) or until the close timeout (abort);</li>
 * <li>the peer closes: stop reading, echo its code, run {@code onClose} with the peer's code and
 *     reason, close the transport once the echo was written (or abort at the close timeout);</li>
 * <li>protocol violation: send close with the RFC code at once, run {@code onClose} with it;</li>
 * <li>end of stream, transport error, write failure: abort and run {@code onClose} with 1006.</li>
 * </ul>
 */
final class CloseHandshake {

    private enum State { OPEN, CLOSE_SENT, CLOSE_RECEIVED, CLOSED }

    private final WsSession session;
    private final long closeTimeoutMs;
    private State state = State.OPEN;
    private CloseReason localReason;
    private ScheduledFuture<?> timer;
    private volatile boolean reading = true;

    CloseHandshake(WsSession session, long closeTimeoutMs) {
        this.session = session;
        this.closeTimeoutMs = closeTimeoutMs;
    }

    synchronized boolean isOpen() {
        return state == State.OPEN;
    }

    boolean keepReading() {
        return reading;
    }

    /**
     * Starts a close we initiate: {@code wireCode}/{@code wireReason} go in the close frame,
     * {@code forOnClose} is what {@code onClose} will get.
     */
    void closeLocally(int wireCode, String wireReason, CloseReason forOnClose) {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSE_SENT;
            localReason = forOnClose;
            timer = SessionScheduler.schedule(this::onCloseTimeout, closeTimeoutMs);
        }
        session.stopIdleTimer();
        session.outbound().enqueueClose(closeFrame(wireCode, wireReason), false);
    }

    /** The peer's close frame arrived (inbound thread). */
    void onPeerClose(ClosePayload peer) {
        reading = false;
        boolean echo;
        CloseReason reason;
        synchronized (this) {
            if (state == State.OPEN) {
                state = State.CLOSE_RECEIVED;
                echo = true;
                reason = toReason(peer.code(), peer.reason());
                timer = SessionScheduler.schedule(this::onCloseTimeout, closeTimeoutMs);
            } else if (state == State.CLOSE_SENT) {
                state = State.CLOSED;
                echo = false;
                reason = localReason;
                cancelTimer();
            } else {
                return;
            }
        }
        session.stopIdleTimer();
        if (echo) {
            // Echo the peer's code; 1005 (none given) is not sendable, so closeFrame sends an empty close.
            session.outbound().enqueueClose(closeFrame(peer.code(), ""), false);
            session.notifyClosed(reason);
        } else {
            session.closeTransport(false);
            session.notifyClosed(reason);
        }
    }

    /** A frame of ours with a close was written. */
    void onCloseFrameWritten() {
        synchronized (this) {
            if (state != State.CLOSE_RECEIVED) {
                return; // we initiated: wait for the peer's close
            }
            state = State.CLOSED;
            cancelTimer();
        }
        session.closeTransport(false);
    }

    /** We saw a protocol violation (inbound thread): fail the connection with its close code. */
    void failConnection(int code, String message) {
        closeWithoutInput(code, message, toReason(code, message), true);
    }

    /**
     * We close a connection whose input is over for us (the transport's idle limit ended
     * reading): as {@link #closeLocally}, but the peer's close can no longer be read, so the
     * transport closes once our close frame is written (the close timeout bounds that wait, so a
     * dead connection never holds the session) and {@code onClose} runs now with
     * {@code forOnClose}. Data queued before goes out first.
     */
    void closeWithoutInput(int wireCode, String wireReason, CloseReason forOnClose) {
        closeWithoutInput(wireCode, wireReason, forOnClose, false);
    }

    /** {@code urgent}: the close frame overtakes queued data (a violation), else it follows it. */
    private void closeWithoutInput(int code, String message, CloseReason forOnClose, boolean urgent) {
        reading = false;
        CloseReason reason = forOnClose;
        boolean sendClose;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            sendClose = state == State.OPEN;
            if (sendClose) {
                state = State.CLOSE_RECEIVED; // nothing more to read: close once our frame is out
                timer = SessionScheduler.schedule(this::onCloseTimeout, closeTimeoutMs);
            } else {
                state = State.CLOSED;
                cancelTimer();
                reason = localReason != null ? localReason : reason;
            }
        }
        session.stopIdleTimer();
        session.abortInboundStream(new IOException((urgent ? "Connection failed: " : "Connection closed: ") + message));
        if (sendClose) {
            session.outbound().enqueueClose(closeFrame(code, message), urgent);
        } else {
            session.closeTransport(true);
        }
        session.notifyClosed(reason);
    }

    /**
     * The write carrying the close frame we initiated failed. The frame may still have reached the
     * peer (a peer that closes at once after reading it can make the transport fail the write), so
     * while we wait for the peer's close we keep reading: its close frame, end of stream or the
     * close timer (armed when our close was queued) decides. Returns {@code false} when we are not
     * waiting for the peer's close, so the failure ends the connection as usual.
     */
    synchronized boolean awaitPeerCloseAfterWriteFailure() {
        return state == State.CLOSE_SENT && reading;
    }

    /** End of stream, read or write failure: no handshake is possible any more. */
    void onConnectionLost(Throwable cause) {
        reading = false;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            cancelTimer();
        }
        session.stopIdleTimer();
        String why = cause == null ? "The connection was closed without a close frame"
                : "The connection failed: " + cause;
        session.abortInboundStream(new IOException(why, cause));
        session.closeTransport(true);
        session.notifyClosed(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, truncate(why)));
    }

    private void onCloseTimeout() {
        CloseReason reason;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            reason = localReason != null ? localReason
                    : new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "Close handshake timed out");
            state = State.CLOSED;
            timer = null;
        }
        reading = false;
        // Runs on the shared timer thread: closing the transport ends the session (decoders'
        // destroy, close listeners), which must not hold up every other session's timers.
        session.runOnExecutor(() -> {
            session.abortInboundStream(new IOException("Close handshake timed out"));
            session.closeTransport(true);
            session.notifyClosed(reason);
        });
    }

    /** Whether the close timeout is pending (tests and diagnostics). */
    synchronized boolean isTimerArmed() {
        return timer != null;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    static OutFrame closeFrame(int code, String reason) {
        ByteBuffer payload = ByteBuffer.allocate(125);
        if (CloseCodes.isSendable(code)) {
            ClosePayload.write(payload, code, reason);
        }
        payload.flip();
        return new OutFrame(OpCode.CLOSE, true, payload, null, null);
    }

    static CloseReason toReason(int code, String reason) {
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(reason));
    }

    /** CloseReason refuses phrases over 123 UTF-8 bytes. */
    static String truncate(String reason) {
        if (reason == null) {
            return "";
        }
        if (reason.length() <= 40 || reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 123) {
            return reason;
        }
        String s = reason;
        while (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 120) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "...";
    }
}
