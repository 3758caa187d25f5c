package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.CloseCodes;
import dev.gannet.websocket.protocol.FrameParser;
import dev.gannet.websocket.protocol.ProtocolException;
import dev.gannet.websocket.transport.Transport;
import dev.gannet.websocket.transport.TransportListener;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

/** What a session hears from its transport (reads) and from its outbound queue (writes). */
final class TransportEvents {

    private static final System.Logger LOG = System.getLogger(WsSession.class.getName());

    private TransportEvents() {
    }

    /**
     * The inbound path: parses each delivery (the parser calls the assembler, which calls the
     * endpoint on this thread), fails the connection with the RFC code on a violation, and asks for
     * the next delivery while the session still reads.
     */
    static final class Inbound implements TransportListener {
        private final WsSession session;
        private final FrameParser parser;
        private final CloseHandshake closeHandshake;
        private final Transport transport;

        Inbound(WsSession session, FrameParser parser, CloseHandshake closeHandshake, Transport transport) {
            this.session = session;
            this.parser = parser;
            this.closeHandshake = closeHandshake;
            this.transport = transport;
        }

        @Override
        public void onData(ByteBuffer data) {
            session.touchActivity();
            try {
                parser.parse(data);
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
                transport.demand();
            }
        }

        @Override
        public void onEndOfStream() {
            closeHandshake.onConnectionLost(null);
        }

        @Override
        public void onError(Throwable failure) {
            if (closeHandshake.isOpen()) {
                session.deliverError(failure);
            }
            closeHandshake.onConnectionLost(failure);
        }
    }

    /** The outbound queue's events: activity for the idle timer, the close frame, write failures. */
    static final class Outbound implements OutboundQueue.Listener {
        private final WsSession session;

        Outbound(WsSession session) {
            this.session = session;
        }

        @Override
        public void onWriteActivity() {
            session.touchActivity();
        }

        @Override
        public void onCloseFrameWritten() {
            session.closeHandshake().onCloseFrameWritten();
        }

        @Override
        public void onWriteFailed(Throwable failure) {
            session.runOnExecutor(() -> session.closeHandshake().onConnectionLost(failure));
        }
    }
}
