package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.CloseCodes;
import dev.gannet.websocket.protocol.ProtocolException;
import dev.gannet.websocket.transport.TransportListener;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

/**
 * What a session hears from its transport (reads) and from its outbound queue (writes). One
 * object per session serves both, reading the session's parts through it (every session has one:
 * each field or object saved here is saved per connection).
 *
 * <p>Inbound: parses each delivery (the parser calls the assembler, which calls the endpoint on
 * this thread), fails the connection with the RFC code on a violation, and asks for the next
 * delivery while the session still reads. Outbound: activity for the idle timer, the close frame,
 * write failures.
 */
final class TransportEvents implements TransportListener, OutboundQueue.Listener {

    private static final System.Logger LOG = System.getLogger(WsSession.class.getName());

    private final WsSession session;

    TransportEvents(WsSession session) {
        this.session = session;
    }

    // ------------------------------------------------------------------ inbound

    @Override
    public void onData(ByteBuffer data) {
        session.touchActivity();
        CloseHandshake closeHandshake = session.closeHandshake();
        try {
            session.parser().parse(data);
        } catch (ProtocolException e) {
            if (closeHandshake.keepReading()) {
                closeHandshake.failConnection(e.closeCode(), e.getMessage());
            } // else: bytes after the peer's close frame, ignored
            return;
        } catch (RuntimeException e) {
            if (closeHandshake.keepReading()) {
                LOG.log(Level.ERROR, "Unexpected failure reading session " + session.getId(), e);
                closeHandshake.failConnection(CloseCodes.INTERNAL_ERROR, "Internal error");
            }
            return;
        }
        if (closeHandshake.keepReading()) {
            session.transport().demand();
        }
    }

    @Override
    public void onEndOfStream() {
        session.closeHandshake().onConnectionLost(null);
    }

    @Override
    public void onError(Throwable failure) {
        CloseHandshake closeHandshake = session.closeHandshake();
        if (closeHandshake.isOpen()) {
            session.deliverError(failure);
        }
        closeHandshake.onConnectionLost(failure);
    }

    @Override
    public void onIdleTimeout(Throwable cause) {
        session.transportIdleTimeout(cause);
    }

    // ------------------------------------------------------------------ outbound

    @Override
    public void onWriteActivity() {
        session.touchActivity();
    }

    @Override
    public void onCloseFrameWritten() {
        session.closeHandshake().onCloseFrameWritten();
    }

    @Override
    public void onWriteFailed(Throwable failure, boolean closeFrameInFlight) {
        if (closeFrameInFlight && session.closeHandshake().awaitPeerCloseAfterWriteFailure()) {
            return;
        }
        session.runOnExecutor(() -> session.closeHandshake().onConnectionLost(failure));
    }
}
