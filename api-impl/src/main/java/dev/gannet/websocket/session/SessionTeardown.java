package dev.gannet.websocket.session;

import dev.gannet.websocket.transport.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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

    private static final VarHandle CLOSE_NOTIFIED;
    private static final VarHandle TRANSPORT_CLOSED;
    private static final VarHandle UNTIL_ENDED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLOSE_NOTIFIED = lookup.findVarHandle(SessionTeardown.class, "closeNotified", boolean.class);
            TRANSPORT_CLOSED = lookup.findVarHandle(SessionTeardown.class, "transportClosed", boolean.class);
            UNTIL_ENDED = lookup.findVarHandle(SessionTeardown.class, "untilEnded", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // The session's parts are read through it rather than copied here (one object less per
    // session); its fields are final and set before this is built.
    private final WsSession session;
    // Field handles rather than atomic objects: three objects less per session.
    @SuppressWarnings("unused") // through CLOSE_NOTIFIED
    private volatile boolean closeNotified;
    @SuppressWarnings("unused") // through TRANSPORT_CLOSED
    private volatile boolean transportClosed;
    @SuppressWarnings("unused") // through UNTIL_ENDED
    private volatile int untilEnded = 2;
    private volatile boolean closedForApplications;

    SessionTeardown(WsSession session) {
        this.session = session;
    }

    /** Whether {@code onClose} has completed (the Session API then throws IllegalStateException). */
    boolean closedForApplications() {
        return closedForApplications;
    }

    /** Closes ({@code abort == false}: after pending writes) or aborts the transport, once. */
    void closeTransport(boolean abort) {
        if (!TRANSPORT_CLOSED.compareAndSet(this, false, true)) {
            return;
        }
        Transport transport = session.transport();
        if (abort) {
            transport.abort();
        } else {
            transport.close();
        }
        session.outbound().terminate(new IOException("The session is closed"));
        session.sender().stop();
        session.inbound().release();
        ended();
    }

    /** Runs {@code onClose} once, on this thread. */
    void notifyClosed(CloseReason reason) {
        if (!CLOSE_NOTIFIED.compareAndSet(this, false, true)) {
            return;
        }
        Endpoint endpoint = session.getEndpoint();
        session.invoke(() -> endpoint.onClose(session, reason));
        closedForApplications = true;
        ended();
    }

    private void ended() {
        if ((int) UNTIL_ENDED.getAndAdd(this, -1) != 1) {
            return;
        }
        session.stopIdleTimer();
        session.decoders().destroy();
        session.encoders().destroy();
        Consumer<WsSession> closeListener = session.closeListener();
        if (closeListener != null) {
            try {
                closeListener.accept(session);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Close listener failed for session " + session.getId(), e);
            }
        }
    }
}
