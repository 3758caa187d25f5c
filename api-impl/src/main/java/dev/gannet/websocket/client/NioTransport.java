package dev.gannet.websocket.client;

import dev.gannet.websocket.transport.Transport;
import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;
import java.io.EOFException;
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
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

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

    // Read-side hand-over between the engine's threads and the loop; guarded by 'lock'.
    private final Object lock = new Object();
    private boolean demanded;
    private boolean delivering;
    private ByteBuffer unread;

    private volatile TransportListener listener;
    private volatile boolean closed;

    // Confined to the loop thread from here on.
    private SelectionKey key;
    private ByteBuffer readBuffer;
    private volatile TlsCodec tls; // volatile: isSecure() is asked from any thread
    private ByteBuffer appIn;
    private CompletableFuture<Void> connecting;
    private CompletableFuture<Void> tlsHandshake;
    private ByteBuffer[] writeBuffers;
    private WriteCallback writeCallback;
    private boolean closeAfterWrite;
    private boolean terminalDelivered;
    private boolean eof;
    private Throwable failure;

    private NioTransport(SocketChannel channel, SelectorLoop loop, Executor workers, int readBufferSize,
            InetSocketAddress remote) {
        this.channel = channel;
        this.loop = loop;
        this.workers = workers;
        this.completions = new SerialExecutor(workers);
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
                appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
                tlsHandshake = done;
                engine.beginHandshake();
                driveHandshake();
            } catch (IOException | RuntimeException e) {
                failHandshake(e);
            }
        });
    }

    private void driveHandshake() throws IOException {
        while (true) {
            if (tls.netOut().hasRemaining()) {
                channel.write(tls.netOut());
                if (tls.netOut().hasRemaining()) {
                    setInterest(SelectionKey.OP_WRITE, true);
                    return;
                }
            }
            HandshakeStatus hs = tls.handshakeStatus();
            switch (hs) {
                case NEED_WRAP -> {
                    SSLEngineResult r = tls.wrapEmpty();
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED && !tls.netOut().hasRemaining()) {
                        throw new SSLException("The TLS engine closed during the handshake");
                    }
                }
                case NEED_TASK -> tls.runTasks();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    int n = channel.read(tls.netIn());
                    if (n < 0) {
                        throw new EOFException("The server closed the connection during the TLS handshake");
                    }
                    int before = appIn.position();
                    appIn = tls.unwrap(appIn, () -> { });
                    if (n == 0 && tls.handshakeStatus() == hs && appIn.position() == before) {
                        setInterest(SelectionKey.OP_READ, true);
                        return;
                    }
                }
                default -> {
                    CompletableFuture<Void> f = tlsHandshake;
                    tlsHandshake = null;
                    setInterest(SelectionKey.OP_READ, false);
                    f.complete(null);
                    return;
                }
            }
        }
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
        this.listener = listener;
    }

    /** Bytes read past the end of an HTTP response: delivered before anything else is read. */
    void unread(ByteBuffer bytes) {
        synchronized (lock) {
            unread = bytes.hasRemaining() ? bytes : null;
        }
    }

    @Override
    public void demand() {
        synchronized (lock) {
            if (demanded) {
                return;
            }
            demanded = true;
            if (delivering) {
                return; // the running delivery re-submits when it returns
            }
        }
        loop.execute(this::onDemand);
    }

    private void onDemand() {
        ByteBuffer pending;
        synchronized (lock) {
            if (!demanded || delivering || terminalDelivered) {
                return;
            }
            pending = unread;
            unread = null;
        }
        if (failure != null) {
            dispatchTerminal(failure);
            return;
        }
        if (closed) {
            return; // closed here: the listener gets no further data
        }
        if (pending != null) {
            dispatch(pending, null);
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
                    dispatch(readBuffer, null);
                } else if (n < 0) {
                    eof = true;
                    dispatchTerminal(null);
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
        if (appIn.position() == 0 && !eof) {
            int n = channel.read(tls.netIn());
            if (n < 0) {
                eof = true;
            }
            appIn = tls.unwrap(appIn, this::wrapHandshakeRecord);
        }
        if (appIn.position() > 0) {
            appIn.flip();
            dispatch(appIn, null);
        } else if (eof || tls.inboundDone()) {
            eof = true;
            dispatchTerminal(null);
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

    /** Hands one delivery to a worker; {@code data == null} with no error means end of stream. */
    private void dispatch(ByteBuffer data, Throwable error) {
        synchronized (lock) {
            demanded = false;
            delivering = true;
        }
        workers.execute(() -> deliver(data, error));
    }

    private void dispatchTerminal(Throwable error) {
        terminalDelivered = true;
        dispatch(null, error);
    }

    private void deliver(ByteBuffer data, Throwable error) {
        TransportListener l = listener;
        try {
            if (closed && data != null) {
                // closed meanwhile: the listener gets no further data
            } else if (data != null) {
                l.onData(data);
            } else if (error != null) {
                l.onError(error);
            } else {
                l.onEndOfStream();
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "WebSocket client transport listener failed", e);
        } finally {
            if (data != null) {
                data.position(data.limit());
                if (data == appIn) {
                    loop.execute(() -> appIn.clear());
                }
            }
            boolean again;
            synchronized (lock) {
                delivering = false;
                again = demanded;
            }
            if (again) {
                loop.execute(this::onDemand);
            }
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
        if (tls == null) {
            if (writeBuffers != null) {
                channel.write(writeBuffers);
            }
        } else {
            while (true) {
                if (tls.netOut().hasRemaining()) {
                    channel.write(tls.netOut());
                    if (tls.netOut().hasRemaining()) {
                        break;
                    }
                }
                if (writeBuffers == null || !hasRemaining(writeBuffers)) {
                    break;
                }
                SSLEngineResult r = tls.wrap(writeBuffers);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("TLS is closed; cannot write");
                }
            }
        }
        boolean pending = writeBuffers != null && hasRemaining(writeBuffers)
                || tls != null && tls.netOut().hasRemaining();
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

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
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
        boolean wanted;
        synchronized (lock) {
            wanted = demanded && !delivering && !terminalDelivered;
        }
        if (wanted && listener != null) {
            dispatchTerminal(e);
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
        loop.execute(this::closeNow);
    }

    private void closeNow() {
        boolean wasClosed = closed && (key == null || !key.isValid()) && !channel.isOpen();
        closed = true;
        if (wasClosed) {
            return;
        }
        if (tls != null && failure == null && tlsHandshake == null) {
            try {
                // Best effort close_notify; the socket may not take it, and that is fine.
                tls.engine().closeOutbound();
                if (!tls.netOut().hasRemaining()) {
                    tls.wrapEmpty();
                }
                channel.write(tls.netOut());
            } catch (IOException | RuntimeException ignored) {
                // the connection goes away anyway
            }
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
