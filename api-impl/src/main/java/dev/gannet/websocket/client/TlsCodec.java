package dev.gannet.websocket.client;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The TLS record layer of one client connection: an {@link SSLEngine} and its two network
 * buffers. It does no I/O itself; {@link NioTransport} moves the bytes between these buffers
 * and the socket on its selector thread, so this class is confined to that thread.
 */
final class TlsCodec {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    /** Encrypted bytes read from the socket, in write mode (append at position). */
    private ByteBuffer netIn;
    /** Encrypted bytes waiting for the socket, in read mode. */
    private ByteBuffer netOut;

    TlsCodec(SSLEngine engine) {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packet);
        netOut = ByteBuffer.allocate(packet);
        netOut.flip();
    }

    SSLEngine engine() {
        return engine;
    }

    ByteBuffer netIn() {
        return netIn;
    }

    ByteBuffer netOut() {
        return netOut;
    }

    HandshakeStatus handshakeStatus() {
        return engine.getHandshakeStatus();
    }

    /** Runs the engine's delegated tasks (certificate checks); short CPU work, done inline. */
    void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /**
     * Encrypts as much of {@code src} as one record takes into {@code netOut}, which must be
     * drained. Returns the engine's result.
     */
    SSLEngineResult wrap(ByteBuffer[] src) throws SSLException {
        netOut.clear();
        try {
            while (true) {
                SSLEngineResult r = engine.wrap(src, netOut);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2,
                            engine.getSession().getPacketBufferSize()));
                    continue;
                }
                return r;
            }
        } finally {
            netOut.flip();
        }
    }

    SSLEngineResult wrapEmpty() throws SSLException {
        return wrap(new ByteBuffer[] {EMPTY});
    }

    /**
     * Decrypts what {@code netIn} holds into {@code appIn} (write mode; grown when needed),
     * until the engine needs more network bytes or wants to wrap. Returns the grown buffer.
     */
    ByteBuffer unwrap(ByteBuffer appIn, Runnable onNeedWrap) throws SSLException {
        netIn.flip();
        try {
            while (netIn.hasRemaining()) {
                SSLEngineResult r = engine.unwrap(netIn, appIn);
                switch (r.getStatus()) {
                    case BUFFER_OVERFLOW -> {
                        ByteBuffer bigger = ByteBuffer.allocate(
                                appIn.capacity() + engine.getSession().getApplicationBufferSize());
                        appIn.flip();
                        bigger.put(appIn);
                        appIn = bigger;
                        continue;
                    }
                    case BUFFER_UNDERFLOW -> {
                        if (netIn.limit() == netIn.capacity() && netIn.position() == 0) {
                            growNetIn();
                        }
                        return appIn;
                    }
                    case CLOSED -> {
                        return appIn;
                    }
                    default -> { }
                }
                HandshakeStatus hs = r.getHandshakeStatus();
                if (hs == HandshakeStatus.NEED_TASK) {
                    runTasks();
                    hs = engine.getHandshakeStatus();
                }
                if (hs == HandshakeStatus.NEED_WRAP) {
                    onNeedWrap.run();
                }
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && hs != HandshakeStatus.NEED_UNWRAP) {
                    return appIn;
                }
            }
            return appIn;
        } finally {
            netIn.compact();
        }
    }

    /** A record larger than the buffer (the peer's packet size grew): make room. */
    private void growNetIn() {
        ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() + engine.getSession().getPacketBufferSize());
        bigger.put(netIn);
        bigger.flip();
        netIn = bigger;
    }

    boolean inboundDone() {
        return engine.isInboundDone();
    }
}
