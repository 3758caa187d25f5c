package dev.gannet.websocket.client;

import dev.gannet.websocket.transport.Transport;
import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLEngine;

/**
 * The client's {@link Transport} on a non-blocking {@link SocketChannel}, optionally wrapped in
 * TLS. All socket work happens on one {@link SelectorLoop}; deliveries to the listener and write
 * completions are handed to a worker executor, so a listener may block (a blocking send inside
 * {@code onMessage}) while the selector keeps writing. A thread blocked on a write only waits to
 * be signalled; it never needs the selector thread to be free.
 */
final class NioTransport implements Transport, SelectorLoop.Handler {

    private static final System.Logger LOG = System.getLogger(NioTransport.class.getName());

    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final Executor workers;
    /** Write completions, in order and never overlapping. */
    private final Executor completions;
    private final int readBufferSize;
    private final InetSocketAddress remote;

    private final ReadHandOff reads;
    private volatile boolean closed;

    // Confined to the loop thread from here on.
    private SelectionKey key;
    private ByteBuffer readBuffer;
    private volatile TlsCodec tls; // volatile: isSecure() is asked from any thread
    private CompletableFuture<Void> connecting;
    private CompletableFuture<Void> tlsHandshake;
    private ByteBuffer[] writeBuffers;
    private WriteCallback writeCallback;
    private boolean closeAfterWrite;
    private boolean eof;
    private Throwable failure;

    private NioTransport(SocketChannel channel, SelectorLoop loop, Executor workers, int readBufferSize,
            InetSocketAddress remote) {
        this.channel = channel;
        this.loop = loop;
        this.workers = workers;
        this.completions = new SerialExecutor(workers);
        this.reads = new ReadHandOff(loop, workers, this::onDemand, this::consumed);
        this.readBufferSize = readBufferSize;
        this.remote = remote;
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
        t.loop.execute(() -> t.startConnect(connected));
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
        // Queued before anything the caller does next, so the key exists when demand or write run.
        t.loop.execute(() -> {
            try {
                t.key = channel.register(t.loop.selector(), 0, t);
            } catch (IOException | RuntimeException e) {
                t.fail(e);
            }
        });
        return t;
    }

    private void startConnect(CompletableFuture<Void> connected) {
        connecting = connected;
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            key = channel.register(loop.selector(), 0, this);
            if (channel.connect(remote)) {
                connected();
            } else {
                key.interestOps(SelectionKey.OP_CONNECT);
            }
        } catch (IOException | RuntimeException e) {
            failConnect(e);
        }
    }

    private void connected() {
        key.interestOps(0);
        CompletableFuture<Void> f = connecting;
        connecting = null;
        f.complete(null);
    }

    private void failConnect(Throwable e) {
        CompletableFuture<Void> f = connecting;
        connecting = null;
        closeNow();
        f.completeExceptionally(e);
    }

    /**
     * Starts TLS on the connected socket (after a proxy tunnel, if any). The future completes on
     * the loop thread when the TLS handshake is done.
     */
    void startTls(SSLEngine engine, CompletableFuture<Void> done) {
        loop.execute(() -> {
            try {
                tls = new TlsCodec(engine);
                tlsHandshake = done;
                engine.beginHandshake();
                driveHandshake();
            } catch (IOException | RuntimeException e) {
                failHandshake(e);
            }
        });
    }

    private void driveHandshake() throws IOException {
        int wait = tls.handshake(channel);
        if (wait != 0) {
            setInterest(wait, true);
            return;
        }
        CompletableFuture<Void> f = tlsHandshake;
        tlsHandshake = null;
        setInterest(SelectionKey.OP_READ, false);
        f.complete(null);
    }

    private void failHandshake(Throwable e) {
        CompletableFuture<Void> f = tlsHandshake;
        tlsHandshake = null;
        closeNow();
        if (f != null) {
            f.completeExceptionally(e);
        }
    }

    @Override
    public void onReady(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        try {
            if (connecting != null) {
                if (k.isConnectable() && channel.finishConnect()) {
                    connected();
                }
                return;
            }
            if (tlsHandshake != null) {
                key.interestOps(0);
                driveHandshake();
                return;
            }
            int ready = k.readyOps();
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                setInterest(SelectionKey.OP_WRITE, false);
                flush();
            }
            if ((ready & SelectionKey.OP_READ) != 0 && k.isValid()) {
                setInterest(SelectionKey.OP_READ, false);
                onDemand();
            }
        } catch (IOException | RuntimeException e) {
            onLoopFailure(e);
        }
    }

    @Override
    public void onLoopFailure(Throwable e) {
        if (connecting != null) {
            failConnect(e);
        } else if (tlsHandshake != null) {
            failHandshake(e);
        } else {
            fail(e);
        }
    }

    private void setInterest(int op, boolean on) {
        if (key != null && key.isValid()) {
            int ops = key.interestOps();
            key.interestOps(on ? ops | op : ops & ~op);
        }
    }

    // ---- reading ----------------------------------------------------------------------------

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

    private void onDemand() {
        if (!reads.wanted()) {
            return;
        }
        ByteBuffer pending = reads.takeUnread();
        if (failure != null) {
            reads.deliverTerminal(failure);
            return;
        }
        if (closed) {
            return; // closed here: the listener gets no further data
        }
        if (pending != null) {
            reads.deliverData(pending);
            return;
        }
        try {
            if (tls == null) {
                if (readBuffer == null) {
                    readBuffer = ByteBuffer.allocate(readBufferSize);
                }
                readBuffer.clear();
                int n = eof ? -1 : channel.read(readBuffer);
                if (n > 0) {
                    readBuffer.flip();
                    reads.deliverData(readBuffer);
                } else if (n < 0) {
                    eof = true;
                    reads.deliverTerminal(null);
                } else {
                    setInterest(SelectionKey.OP_READ, true);
                }
                return;
            }
            readTls();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void readTls() throws IOException {
        ByteBuffer appIn = tls.appIn();
        if (appIn.position() == 0 && !eof) {
            int n = channel.read(tls.netIn());
            if (n < 0) {
                eof = true;
            }
            appIn = tls.unwrap(this::wrapHandshakeRecord);
        }
        if (appIn.position() > 0) {
            appIn.flip();
            reads.deliverData(appIn);
        } else if (eof || tls.inboundDone()) {
            eof = true;
            reads.deliverTerminal(null);
        } else {
            setInterest(SelectionKey.OP_READ, true);
        }
    }

    /** A post-handshake message (key update) asked for a reply record. */
    private void wrapHandshakeRecord() {
        if (tls.netOut().hasRemaining()) {
            return; // sent with the next flush; the engine asks again
        }
        try {
            tls.wrapEmpty();
            flush();
        } catch (IOException e) {
            fail(e);
        }
    }

    /** The listener is done with a delivered buffer: the TLS plaintext buffer may fill again. */
    private void consumed(ByteBuffer data) {
        if (tls != null && data == tls.appIn()) {
            data.clear();
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        loop.execute(() -> startWrite(buffers, callback));
    }

    private void startWrite(ByteBuffer[] buffers, WriteCallback callback) {
        if (closed || failure != null) {
            Throwable why = failure != null ? failure : new ClosedChannelException();
            completions.execute(() -> callback.failed(why));
            return;
        }
        if (writeCallback != null) {
            completions.execute(() -> callback.failed(new IllegalStateException("A write is already pending")));
            return;
        }
        writeBuffers = buffers;
        writeCallback = callback;
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void flush() throws IOException {
        if (closed) {
            return;
        }
        boolean pending;
        if (tls == null) {
            if (writeBuffers != null) {
                channel.write(writeBuffers);
            }
            pending = writeBuffers != null && TlsCodec.hasRemaining(writeBuffers);
        } else {
            pending = !tls.write(channel, writeBuffers);
        }
        if (pending) {
            setInterest(SelectionKey.OP_WRITE, true);
            return;
        }
        if (writeCallback != null) {
            WriteCallback done = writeCallback;
            writeBuffers = null;
            writeCallback = null;
            completions.execute(done::completed);
        }
        if (closeAfterWrite) {
            closeNow();
        }
    }

    // ---- closing ----------------------------------------------------------------------------

    private void fail(Throwable e) {
        if (failure != null || closed) {
            return;
        }
        failure = e;
        LOG.log(Level.DEBUG, "WebSocket client connection to {0} failed: {1}", remote, e.toString());
        WriteCallback pendingWrite = writeCallback;
        writeCallback = null;
        writeBuffers = null;
        if (pendingWrite != null) {
            completions.execute(() -> pendingWrite.failed(e));
        }
        closeNow();
        if (reads.wanted() && reads.hasListener()) {
            reads.deliverTerminal(e);
        }
    }

    @Override
    public void close() {
        loop.execute(() -> {
            if (writeCallback != null) {
                closeAfterWrite = true;
            } else {
                closeNow();
            }
        });
    }

    @Override
    public void abort() {
        closed = true;
        reads.stopData();
        loop.execute(this::closeNow);
    }

    private void closeNow() {
        boolean wasClosed = closed && (key == null || !key.isValid()) && !channel.isOpen();
        closed = true;
        reads.stopData();
        if (wasClosed) {
            return;
        }
        if (tls != null && failure == null && tlsHandshake == null) {
            tls.closeOutbound(channel);
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Closing the WebSocket client socket failed", e);
        }
        WriteCallback pendingWrite = writeCallback;
        writeCallback = null;
        writeBuffers = null;
        if (pendingWrite != null) {
            completions.execute(() -> pendingWrite.failed(new ClosedChannelException()));
        }
        CompletableFuture<Void> c = connecting;
        if (c != null) {
            connecting = null;
            c.completeExceptionally(new ClosedChannelException());
        }
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
        return tls == null ? null : tls.engine();
    }
}
