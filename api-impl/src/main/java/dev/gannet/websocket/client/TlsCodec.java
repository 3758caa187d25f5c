package dev.gannet.websocket.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The TLS record layer of one client connection: an {@link SSLEngine}, its two network buffers
 * and the plaintext buffer. Apart from the handshake, which it drives on the socket it is
 * given, {@link NioTransport} moves the bytes between these buffers and the socket; everything
 * here runs on the connection's selector thread.
 */
final class TlsCodec {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    /** Encrypted bytes read from the socket, in write mode (append at position). */
    private ByteBuffer netIn;
    /** Encrypted bytes waiting for the socket, in read mode. */
    private ByteBuffer netOut;
    /** Decrypted bytes for the listener, in write mode until delivered. */
    private ByteBuffer appIn;

    TlsCodec(SSLEngine engine) {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packet);
        netOut = ByteBuffer.allocate(packet);
        netOut.flip();
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    ByteBuffer appIn() {
        return appIn;
    }

    /**
     * Advances the TLS handshake as far as the socket allows. Returns 0 when it is done, else the
     * selection op ({@code OP_READ} or {@code OP_WRITE}) to wait for before calling again.
     */
    int handshake(SocketChannel channel) throws IOException {
        while (true) {
            if (netOut.hasRemaining()) {
                channel.write(netOut);
                if (netOut.hasRemaining()) {
                    return SelectionKey.OP_WRITE;
                }
            }
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_WRAP -> {
                    SSLEngineResult r = wrapEmpty();
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED && !netOut.hasRemaining()) {
                        throw new SSLException("The TLS engine closed during the handshake");
                    }
                }
                case NEED_TASK -> runTasks();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    int n = channel.read(netIn);
                    if (n < 0) {
                        throw new EOFException("The server closed the connection during the TLS handshake");
                    }
                    int before = appIn.position();
                    unwrap(() -> { });
                    if (n == 0 && engine.getHandshakeStatus() == hs && appIn.position() == before) {
                        return SelectionKey.OP_READ;
                    }
                }
                default -> {
                    return 0;
                }
            }
        }
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
     * Decrypts what {@code netIn} holds into {@link #appIn()} (write mode; grown when needed),
     * until the engine needs more network bytes or wants to wrap. Returns the (maybe new) buffer.
     */
    ByteBuffer unwrap(Runnable onNeedWrap) throws SSLException {
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

    /**
     * Encrypts and writes {@code src} (may be null: just drain what is pending). Returns true
     * when everything was handed to the socket, false when it must wait for {@code OP_WRITE}.
     */
    boolean write(SocketChannel channel, ByteBuffer[] src) throws IOException {
        while (true) {
            if (netOut.hasRemaining()) {
                channel.write(netOut);
                if (netOut.hasRemaining()) {
                    return false;
                }
            }
            if (src == null || !hasRemaining(src)) {
                return true;
            }
            if (wrap(src).getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS is closed; cannot write");
            }
        }
    }

    /** Sends close_notify if the socket takes it now; a best effort before the socket closes. */
    void closeOutbound(SocketChannel channel) {
        try {
            engine.closeOutbound();
            if (!netOut.hasRemaining()) {
                wrapEmpty();
            }
            channel.write(netOut);
        } catch (IOException | RuntimeException ignored) {
            // the connection goes away anyway
        }
    }

    static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
