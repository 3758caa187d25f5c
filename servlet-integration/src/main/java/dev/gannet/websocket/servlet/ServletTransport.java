package dev.gannet.websocket.servlet;

import dev.gannet.websocket.transport.Transport;
import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.Executor;

/**
 * A {@link Transport} on an upgraded servlet connection, using only the portable non-blocking
 * API ({@code ReadListener}/{@code WriteListener} on the {@link WebConnection}'s streams), so it
 * runs on any Servlet 6.1 container. Reads are delivered on an executor thread (see
 * {@link InboundPump}: {@link ProbingReader} or {@link ContainerThreadReader}, by container);
 * writes go out from whichever thread finds the stream ready (see {@link NonBlockingWriter}).
 */
final class ServletTransport implements Transport, Runnable {

    private static final System.Logger LOG = System.getLogger(ServletTransport.class.getName());

    private final WebConnection connection;
    private final InboundPump reader;
    private final NonBlockingWriter writer;
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(ServletTransport.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // The addresses as the request gave them; the socket addresses are made only when asked for
    // (the engine never asks on the server side), which keeps four objects each off every
    // idle connection.
    private final String localHost;
    private final int localPort;
    private final String remoteHost;
    private final int remotePort;
    private final boolean secure;
    private volatile boolean closed; // set through CLOSED
    private volatile Runnable closeHook = () -> { };

    ServletTransport(WebConnection connection, Executor executor, UpgradeTarget target) throws IOException {
        this.connection = connection;
        this.reader = InboundPump.create(connection.getInputStream(), executor, target.readBuffers(),
                target.readArming());
        this.writer = new NonBlockingWriter(connection.getOutputStream(), target.writeChunkSize(), reader,
                this);
        this.localHost = target.localHost();
        this.localPort = target.localPort();
        this.remoteHost = target.remoteHost();
        this.remotePort = target.remotePort();
        this.secure = target.secure();
    }

    /** Registers the listeners; called on the container thread running {@code init}. */
    void start() throws IOException {
        connection.getInputStream().setReadListener(reader);
        connection.getOutputStream().setWriteListener(writer);
    }

    /** Runs when the connection is closed, however that happens (at once if it already is); idempotent hooks only. */
    void onClosed(Runnable hook) {
        this.closeHook = hook;
        if (closed) {
            hook.run();
        }
    }

    /**
     * The container destroyed the upgraded connection (peer gone or container stopping). The
     * reader is not stopped: the engine must still learn of it, as end of stream, since a peer
     * dropping the connection is no error of the application's (it gets onClose with 1006). If
     * a read failure was recorded first, that one is delivered.
     */
    void destroyed() {
        reader.terminate(null);
        writer.fail(new ClosedChannelException());
        closeConnection();
    }

    @Override
    public void setListener(TransportListener listener) {
        reader.setListener(listener);
    }

    @Override
    public void demand() {
        reader.demand();
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        writer.write(buffers, callback);
    }

    /** Whether bytes were handed to the container and their flush is still owed (tests). */
    boolean owesFlush() {
        return writer.owes();
    }

    @Override
    public void close() {
        writer.closeWhenIdle();
    }

    @Override
    public void abort() {
        writer.fail(new ClosedChannelException());
        closeByEngine();
    }

    /**
     * What the writer runs once it has finished closing (the transport is that task itself, one
     * object less per connection): see {@link #closeByEngine}.
     */
    @Override
    public void run() {
        closeByEngine();
    }

    /** The engine closes: it expects nothing more from the listener. */
    private void closeByEngine() {
        reader.stop();
        closeConnection();
    }

    private void closeConnection() {
        if (!CLOSED.compareAndSet(this, false, true)) {
            return;
        }
        // Tomcat releases an upgraded socket only when one of its own threads returns from a
        // callback and finds both streams closed; closed from another thread, the socket stays
        // open until the peer sends something (RFC 6455 wants the server to close TCP first).
        if (!reader.handOverClose(this::closeNow)) {
            closeNow();
        }
    }

    private void closeNow() {
        try {
            connection.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Closing an upgraded connection failed", e);
        }
        closeHook.run();
    }

    @Override
    public InetSocketAddress localAddress() {
        return ServletUpgradeRequest.address(localHost, localPort);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return ServletUpgradeRequest.address(remoteHost, remotePort);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }
}
