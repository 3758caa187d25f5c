package dev.gannet.websocket.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLEngine;

/**
 * The phases of a {@link NioTransport} before it carries data: the TCP connect and the TLS
 * handshake, each driven by selector readiness on the loop thread and ending in a future the
 * connecting thread waits on. Reads and writes start only after these phases, so everything
 * here is confined to the loop thread.
 */
final class ConnectionSetup {

    private final NioTransport transport;
    private final SocketChannel channel;
    private CompletableFuture<Void> connecting;
    private CompletableFuture<Void> handshaking;
    private TlsCodec tls;

    ConnectionSetup(NioTransport transport, SocketChannel channel) {
        this.transport = transport;
        this.channel = channel;
    }

    /** Whether a phase is under way: readiness then belongs to it. */
    boolean active() {
        return connecting != null || handshaking != null;
    }

    /** Whether the connection ends before TLS finished (no close_notify then). */
    boolean handshaking() {
        return handshaking != null;
    }

    void connect(InetSocketAddress remote, CompletableFuture<Void> connected) {
        connecting = connected;
        try {
            if (transport.isClosing()) {
                throw new ClosedChannelException();
            }
            SelectionKey key = transport.register();
            if (channel.connect(remote)) {
                connected();
            } else {
                key.interestOps(SelectionKey.OP_CONNECT);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void connected() {
        transport.interest(SelectionKey.OP_CONNECT, false);
        CompletableFuture<Void> f = connecting;
        connecting = null;
        f.complete(null);
    }

    void startTls(SSLEngine engine, CompletableFuture<Void> done) {
        try {
            tls = new TlsCodec(engine);
            handshaking = done;
            transport.tlsStarted(tls);
            engine.beginHandshake();
            driveHandshake();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void driveHandshake() throws IOException {
        int wait = tls.handshake(channel);
        if (wait != 0) {
            transport.interest(wait, true);
            return;
        }
        CompletableFuture<Void> f = handshaking;
        handshaking = null;
        transport.tlsReady(tls);
        f.complete(null);
    }

    /** On the loop: readiness while a phase runs. */
    void onReady(SelectionKey k) throws IOException {
        if (connecting != null) {
            if (k.isConnectable() && channel.finishConnect()) {
                connected();
            }
            return;
        }
        transport.interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE, false);
        driveHandshake();
    }

    /** The phase under way fails: the connection closes and the waiting thread learns why. */
    void fail(Throwable e) {
        CompletableFuture<Void> f = connecting != null ? connecting : handshaking;
        connecting = null;
        handshaking = null;
        transport.closeNow(e);
        if (f != null) {
            f.completeExceptionally(e);
        }
    }

    /** The connection closed under a phase (abort, timeout). */
    void closed() {
        if (active()) {
            fail(new ClosedChannelException());
        }
    }
}
