package dev.gannet.websocket.client;

import dev.gannet.websocket.transport.Transport;
import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLEngine;

/**
 * The client's {@link Transport} on a non-blocking {@link SocketChannel}, optionally wrapped in
 * TLS. Reads and writes are done by the threads that need them, as long as the socket has bytes
 * or room: a worker reads and delivers while the engine demands ({@link ReadHandOff}), a sender
 * writes on its own thread ({@link WritePath}). The {@link SelectorLoop} only waits for
 * readiness when the socket has nothing to give or take, and drives the connect and TLS
 * handshake ({@link ConnectionSetup}). A listener may block in a delivery (a blocking send inside
 * {@code onMessage}) while writes go on.
 */
final class NioTransport implements Transport, SelectorLoop.Handler {

    private static final System.Logger LOG = System.getLogger(NioTransport.class.getName());

    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final InetSocketAddress remote;
    private final ReadHandOff reads;
    private final SocketReader reader;
    private final WritePath writes;
    private final ConnectionSetup setup;
    // Reused loop tasks: a busy connection allocates nothing to wait for readiness.
    private final Runnable armRead = () -> interest(SelectionKey.OP_READ, true);
    private final Runnable armWrite = () -> interest(SelectionKey.OP_WRITE, true);
    private final Runnable closeNowTask = () -> closeNow(null);
    private final Runnable closeCleanlyTask = this::closeCleanly;
    private final ServerCloseWait serverClose;

    private volatile boolean closed;
    private volatile TlsCodec tls; // volatile: isSecure() is asked from any thread
    /** How long a clean close waits for the server to close TCP first; 0: close at once (server role). */
    private volatile long serverCloseWaitMs;
    // Confined to the loop thread.
    private SelectionKey key;
    private Throwable failure;

    private NioTransport(SocketChannel channel, SelectorLoop loop, Executor workers, int readBufferSize,
            InetSocketAddress remote) {
        this.channel = channel;
        this.loop = loop;
        this.remote = remote;
        this.setup = new ConnectionSetup(this, channel);
        this.writes = new WritePath(channel, new SerialExecutor(workers), () -> onLoop(armWrite),
                () -> onLoop(closeCleanlyTask), this::failLater);
        this.reader = new SocketReader(channel, readBufferSize, writes::sendTlsReply);
        this.reads = new ReadHandOff(workers, reader, () -> onLoop(armRead), this::failLater);
        this.serverClose = new ServerCloseWait(channel, armRead, closeNowTask);
    }

    /**
     * Opens a connection to {@code address}; the future completes on the loop thread when TCP
     * is connected. The caller bounds the wait and calls {@link #abort()} when it gives up.
     */
    static NioTransport open(ClientRuntime runtime, InetSocketAddress address, int readBufferSize,
            CompletableFuture<Void> connected) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        NioTransport t = new NioTransport(channel, runtime.nextLoop(), runtime.workers(), readBufferSize, address);
        t.loop.execute(() -> t.setup.connect(address, connected));
        return t;
    }

    /**
     * Wraps a socket that is already connected (and past any HTTP exchange), for a host that
     * accepts connections itself: the same transport then serves the server side of a test or
     * an embedded server.
     */
    static NioTransport adopt(ClientRuntime runtime, SocketChannel channel, int readBufferSize) throws IOException {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        NioTransport t = new NioTransport(channel, runtime.nextLoop(), runtime.workers(), readBufferSize,
                (InetSocketAddress) channel.getRemoteAddress());
        // Queued before anything the caller does next, so the key exists before readiness is asked.
        t.loop.execute(() -> {
            try {
                t.register();
            } catch (IOException | RuntimeException e) {
                t.fail(e);
            }
        });
        return t;
    }

    /**
     * Starts TLS on the connected socket (after a proxy tunnel, if any). The future completes on
     * the loop thread when the TLS handshake is done.
     */
    void startTls(SSLEngine engine, CompletableFuture<Void> done) {
        loop.execute(() -> setup.startTls(engine, done));
    }

    /**
     * Makes a clean {@link #close()} wait up to {@code millis} for the server to close TCP first
     * (RFC 6455 §7.1.1), as a client should; set by the client container before the session starts.
     */
    void awaitServerCloseFor(long millis) {
        serverCloseWaitMs = Math.max(0, millis);
    }

    // ---- for ConnectionSetup, on the loop -------------------------------------------------------

    SelectionKey register() throws IOException {
        key = channel.register(loop.selector(), 0, this);
        return key;
    }

    boolean isClosing() {
        return closed;
    }

    void tlsStarted(TlsCodec codec) {
        tls = codec;
    }

    /** The TLS handshake is done: reads decrypt and writes encrypt from now on. */
    void tlsReady(TlsCodec codec) {
        reader.useTls(codec);
        writes.useTls(codec);
    }

    void interest(int ops, boolean on) {
        if (key != null && key.isValid()) {
            int current = key.interestOps();
            key.interestOps(on ? current | ops : current & ~ops);
        }
    }

    // ---- selector readiness -----------------------------------------------------------------

    private void onLoop(Runnable task) {
        if (loop.inLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    @Override
    public void onReady(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        try {
            if (setup.active()) {
                setup.onReady(k);
                return;
            }
            int ready = k.readyOps() & (SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            interest(ready, false); // one readiness per arming: the side that armed re-arms
            if (serverClose.waiting()) {
                serverClose.onReadable();
                return;
            }
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                writes.onWritable();
            }
            if ((ready & SelectionKey.OP_READ) != 0) {
                reads.onReadable();
            }
        } catch (IOException | RuntimeException e) {
            onLoopFailure(e);
        }
    }

    @Override
    public void onLoopFailure(Throwable e) {
        if (setup.active()) {
            setup.fail(e);
        } else {
            fail(e);
        }
    }

    // ---- reading and writing ----------------------------------------------------------------

    @Override
    public void setListener(TransportListener listener) {
        reads.setListener(listener);
    }

    /** Bytes read past the end of an HTTP response: delivered before anything else is read. */
    void unread(ByteBuffer bytes) {
        reads.unread(bytes);
    }

    @Override
    public void demand() {
        reads.demand();
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        writes.write(buffers, callback);
    }

    // ---- closing ----------------------------------------------------------------------------

    /** A worker or sender hit an I/O error: the loop fails the connection. */
    private void failLater(Throwable e) {
        loop.execute(() -> fail(e));
    }

    private void fail(Throwable e) {
        if (failure != null || closed) {
            return;
        }
        failure = e;
        LOG.log(Level.DEBUG, "WebSocket client connection to {0} failed: {1}", remote, e.toString());
        reads.fail(e);
        closeNow(e);
    }

    @Override
    public void close() {
        if (writes.closeWhenDone()) {
            loop.execute(closeCleanlyTask);
        }
    }

    /**
     * On the loop, once the last write is out: a client holds the socket open until the server
     * closes it ({@link ServerCloseWait}); without a wait configured, or when the connection
     * already failed or is being aborted, it closes now.
     */
    private void closeCleanly() {
        long wait = serverCloseWaitMs;
        if (closed || failure != null || wait <= 0 || setup.active() || key == null || !key.isValid()) {
            closeNow(null);
            return;
        }
        closed = true;
        reads.stopData();
        writes.close(null, true); // later writes fail; TLS says close_notify, TCP stays open
        serverClose.start(wait, this::onLoop);
    }

    @Override
    public void abort() {
        closed = true;
        reads.stopData();
        loop.execute(closeNowTask);
    }

    /** On the loop: closes the socket; a pending write fails with {@code why}, if given. */
    void closeNow(Throwable why) {
        closed = true;
        serverClose.cancel();
        reads.stopData();
        writes.close(why, why == null && failure == null && !setup.handshaking());
        if (key != null) {
            key.cancel();
        }
        if (channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "Closing the WebSocket client socket failed", e);
            }
        }
        setup.closed();
    }

    /** How often a demand found the socket empty and waited for the selector (diagnostics). */
    long readinessWaits() {
        return reads.readinessWaits();
    }

    /** Whether the socket is closed (for tests and diagnostics). */
    boolean isClosed() {
        return closed && !channel.isOpen();
    }

    @Override
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean isSecure() {
        return tls != null;
    }

    SSLEngine sslEngine() {
        TlsCodec t = tls;
        return t == null ? null : t.engine();
    }
}
