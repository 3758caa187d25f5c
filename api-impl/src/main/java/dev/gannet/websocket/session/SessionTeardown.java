package dev.gannet.websocket.session;

import dev.gannet.websocket.coding.DecoderSet;
import dev.gannet.websocket.coding.EncoderSet;
import dev.gannet.websocket.transport.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The end of a session, in two halves that may come in either order and from any thread: the
 * transport is closed once (the outbound queue, send timeouts and inflater released with it) and
 * {@code onClose} runs once. When both are done the session ends: its idle timer, coders and the
 * container's close listener are released exactly once. {@link CloseHandshake} decides when;
 * this class only makes each step happen once.
 */
final class SessionTeardown {

    private static final System.Logger LOG = System.getLogger(WsSession.class.getName());

    /** The parts of a session that teardown releases. */
    record Parts(Transport transport, OutboundQueue outbound, MessageSender sender, InboundAssembler inbound,
                 IdleTimer idleTimer, DecoderSet decoders, EncoderSet encoders, Endpoint endpoint,
                 Consumer<WsSession> closeListener) {
    }

    private final WsSession session;
    private final Parts parts;
    private final AtomicBoolean closeNotified = new AtomicBoolean();
    private final AtomicBoolean transportClosed = new AtomicBoolean();
    private final AtomicInteger untilEnded = new AtomicInteger(2);
    private volatile boolean closedForApplications;

    SessionTeardown(WsSession session, Parts parts) {
        this.session = session;
        this.parts = parts;
    }

    /** Whether {@code onClose} has completed (the Session API then throws IllegalStateException). */
    boolean closedForApplications() {
        return closedForApplications;
    }

    /** Closes ({@code abort == false}: after pending writes) or aborts the transport, once. */
    void closeTransport(boolean abort) {
        if (!transportClosed.compareAndSet(false, true)) {
            return;
        }
        if (abort) {
            parts.transport.abort();
        } else {
            parts.transport.close();
        }
        parts.outbound.terminate(new IOException("The session is closed"));
        parts.sender.stop();
        parts.inbound.release();
        ended();
    }

    /** Runs {@code onClose} once, on this thread. */
    void notifyClosed(CloseReason reason) {
        if (!closeNotified.compareAndSet(false, true)) {
            return;
        }
        session.invoke(() -> parts.endpoint.onClose(session, reason));
        closedForApplications = true;
        ended();
    }

    private void ended() {
        if (untilEnded.decrementAndGet() != 0) {
            return;
        }
        parts.idleTimer.stop();
        parts.decoders.destroy();
        parts.encoders.destroy();
        if (parts.closeListener != null) {
            try {
                parts.closeListener.accept(session);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Close listener failed for session " + session.getId(), e);
            }
        }
    }
}
