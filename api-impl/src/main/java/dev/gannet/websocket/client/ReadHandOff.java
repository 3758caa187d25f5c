package dev.gannet.websocket.client;

import dev.gannet.websocket.transport.TransportListener;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The read side of a {@link NioTransport} between the engine's threads and the selector loop:
 * exactly one delivery per {@code demand()}, never two at once, each on a worker thread (the
 * listener may block there). A demand made inside a delivery is served after it returns, by a
 * fresh loop task, so deliveries never recurse.
 */
final class ReadHandOff {

    private static final System.Logger LOG = System.getLogger(ReadHandOff.class.getName());

    private final SelectorLoop loop;
    private final Executor workers;
    private final Runnable readOnLoop;
    /** Runs on the loop once the listener is done with a delivered buffer (it may be reused). */
    private final Consumer<ByteBuffer> consumedOnLoop;

    private final Object lock = new Object();
    private boolean demanded;
    private boolean delivering;
    private boolean terminal;
    private ByteBuffer unread;
    private volatile TransportListener listener;
    private volatile boolean dataStopped;

    ReadHandOff(SelectorLoop loop, Executor workers, Runnable readOnLoop, Consumer<ByteBuffer> consumedOnLoop) {
        this.loop = loop;
        this.workers = workers;
        this.readOnLoop = readOnLoop;
        this.consumedOnLoop = consumedOnLoop;
    }

    void setListener(TransportListener listener) {
        this.listener = listener;
    }

    boolean hasListener() {
        return listener != null;
    }

    /** Bytes to deliver before anything else is read (what followed an HTTP response head). */
    void unread(ByteBuffer bytes) {
        synchronized (lock) {
            unread = bytes.hasRemaining() ? bytes : null;
        }
    }

    /** After a local close: data already read is dropped, not delivered. */
    void stopData() {
        dataStopped = true;
    }

    void demand() {
        synchronized (lock) {
            if (demanded) {
                return;
            }
            demanded = true;
            if (delivering) {
                return; // the running delivery re-submits when it returns
            }
        }
        loop.execute(readOnLoop);
    }

    /** On the loop: whether a delivery may start now. */
    boolean wanted() {
        synchronized (lock) {
            return demanded && !delivering && !terminal;
        }
    }

    /** On the loop: the unread bytes, once. */
    ByteBuffer takeUnread() {
        synchronized (lock) {
            ByteBuffer b = unread;
            unread = null;
            return b;
        }
    }

    /** Hands {@code data} to the listener on a worker. */
    void deliverData(ByteBuffer data) {
        start(data, null);
    }

    /** Hands end of stream ({@code error == null}) or an error to the listener; nothing follows. */
    void deliverTerminal(Throwable error) {
        synchronized (lock) {
            terminal = true;
        }
        start(null, error);
    }

    private void start(ByteBuffer data, Throwable error) {
        synchronized (lock) {
            demanded = false;
            delivering = true;
        }
        workers.execute(() -> run(data, error));
    }

    private void run(ByteBuffer data, Throwable error) {
        TransportListener l = listener;
        try {
            if (data != null) {
                if (!dataStopped) {
                    l.onData(data);
                }
            } else if (error != null) {
                l.onError(error);
            } else {
                l.onEndOfStream();
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "WebSocket client transport listener failed", e);
        } finally {
            if (data != null) {
                // The contract: the listener consumed or copied everything before returning.
                data.position(data.limit());
                loop.execute(() -> consumedOnLoop.accept(data));
            }
            boolean again;
            synchronized (lock) {
                delivering = false;
                again = demanded;
            }
            if (again) {
                loop.execute(readOnLoop);
            }
        }
    }
}
