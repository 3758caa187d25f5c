package dev.gannet.websocket.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The byte channel under one WebSocket connection, as the engine sees it. The servlet
 * integration implements it on {@code ReadListener}/{@code WriteListener}; the client implements
 * it on NIO (and TLS). The engine never learns which one it runs on.
 *
 * <p>Reading is pull-based: the transport delivers bytes to its {@link TransportListener} only
 * after {@link #demand()}, one delivery per demand, so the engine can stop reading while it is
 * busy (back-pressure) without buffering. Writing is one gathering write at a time: the engine
 * never calls {@link #write} again before the previous write's callback ran.
 */
public interface Transport {

    /**
     * Sets who receives the bytes. Called once, before the first {@link #demand()}.
     */
    void setListener(TransportListener listener);

    /**
     * Asks for one delivery of bytes (or of end-of-stream or an error) to the listener. May be
     * called from inside {@link TransportListener#onData}; the transport must then deliver after
     * that call returns (loop, never recurse without bound).
     */
    void demand();

    /**
     * Writes all remaining bytes of {@code buffers}, in order, then calls {@code callback} once.
     * The buffers belong to the transport until the callback runs. At most one write is pending
     * at any time.
     */
    void write(ByteBuffer[] buffers, WriteCallback callback);

    /**
     * Closes the connection after any pending write completed (TCP FIN), and releases the
     * transport's resources. Idempotent. The listener then gets no further data.
     */
    void close();

    /**
     * Closes the connection at once, discarding pending writes (used when the peer misbehaves
     * or vanishes). Idempotent.
     */
    void abort();

    /** The local address, or {@code null} when the transport does not know it. */
    InetSocketAddress localAddress();

    /** The peer's address, or {@code null} when the transport does not know it. */
    InetSocketAddress remoteAddress();

    /** Whether this transport is encrypted (wss). */
    boolean isSecure();
}
