package dev.gannet.websocket.client;

import dev.gannet.websocket.transport.TransportListener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The read side of a {@link NioTransport}: exactly one delivery per {@code demand()}, never two
 * at once, each on a worker thread (the listener may block there). The worker that delivers
 * also reads: while demand lasts it reads the socket itself, without the selector, and only
 * when a read finds nothing does it park the demand and ask the selector for {@code OP_READ};
 * readiness then starts a worker again. A demand made inside a delivery is served by the same
 * worker after the delivery returns, so deliveries never recurse and a busy connection costs no
 * thread hand-off per read.
 */
final class ReadHandOff {

    /** Where the bytes come from; called by one thread at a time (whoever holds the read side). */
    interface Source {
        /** Reads what is there now: {@code > 0} bytes in {@link #data()}, 0 none yet, -1 end of stream. */
        int read() throws IOException;

        /** The bytes of the last positive read, in read mode. */
        ByteBuffer data();

        /** The listener returned from a delivery of {@link #data()}: its buffer may fill again. */
        void consumed(ByteBuffer data);
    }

    private static final System.Logger LOG = System.getLogger(ReadHandOff.class.getName());

    private final Executor workers;
    private final Source source;
    /** Asks the selector for one {@code OP_READ} readiness (then {@link #onReadable()}). */
    private final Runnable armRead;
    /** Told when reading failed, so the transport closes the rest (off this thread). */
    private final Consumer<Throwable> readFailed;
    private final Runnable drain = this::drain;

    private final Object lock = new Object();
    private boolean demanded;
    /** A worker owns the read side (reading or delivering). */
    private boolean running;
    /** The demand waits for {@code OP_READ}. */
    private boolean armed;
    /** End of stream or an error was (or is being) delivered: nothing follows. */
    private boolean terminal;
    private Throwable error;
    private ByteBuffer unread;
    /** How often a demand had to wait for readiness (diagnostics: low while the socket is busy). */
    private long readinessWaits;
    private volatile TransportListener listener;
    private volatile boolean dataStopped;

    ReadHandOff(Executor workers, Source source, Runnable armRead, Consumer<Throwable> readFailed) {
        this.workers = workers;
        this.source = source;
        this.armRead = armRead;
        this.readFailed = readFailed;
    }

    void setListener(TransportListener listener) {
        this.listener = listener;
    }

    /** Bytes to deliver before anything else is read (what followed an HTTP response head). */
    void unread(ByteBuffer bytes) {
        synchronized (lock) {
            unread = bytes.hasRemaining() ? bytes : null;
        }
    }

    /** After a local close: nothing more is read or delivered, except an error already pending. */
    void stopData() {
        dataStopped = true;
    }

    void demand() {
        synchronized (lock) {
            if (demanded) {
                return;
            }
            demanded = true;
            if (running || armed) {
                return; // the running worker loops, or readiness starts one
            }
            running = true;
        }
        workers.execute(drain);
    }

    /** On the loop: the socket became readable after {@link #armRead}. */
    void onReadable() {
        synchronized (lock) {
            if (!armed) {
                return;
            }
            armed = false;
            if (running) {
                return;
            }
            running = true;
        }
        workers.execute(drain);
    }

    /** The connection failed: the listener hears it with its next (or waiting) demand. */
    void fail(Throwable e) {
        synchronized (lock) {
            if (terminal || error != null) {
                return;
            }
            error = e;
            if (!demanded || running) {
                return;
            }
            armed = false;
            running = true;
        }
        workers.execute(drain);
    }

    long readinessWaits() {
        synchronized (lock) {
            return readinessWaits;
        }
    }

    private void drain() {
        while (true) {
            Throwable err;
            ByteBuffer pending;
            synchronized (lock) {
                err = error;
                if (!demanded || terminal || (err == null && dataStopped)) {
                    running = false;
                    return;
                }
                demanded = false;
                terminal = err != null;
                pending = unread;
                unread = null;
            }
            if (err != null) {
                deliver(null, err);
            } else if (pending != null) {
                deliver(pending, null);
            } else if (!readAndDeliver()) {
                return;
            }
        }
    }

    /** Returns false when nothing was there: the demand then waits for readiness. */
    private boolean readAndDeliver() {
        int n;
        try {
            n = source.read();
        } catch (IOException | RuntimeException e) {
            boolean ours;
            synchronized (lock) {
                terminal = true;
                error = e;
                // A read that fails because we closed the socket is no news to the listener.
                ours = dataStopped;
                running = !ours;
            }
            if (ours) {
                return false;
            }
            readFailed.accept(e);
            deliver(null, e);
            return true;
        }
        if (n > 0) {
            ByteBuffer data = source.data();
            deliver(data, null);
            source.consumed(data);
            return true;
        }
        synchronized (lock) {
            if (n < 0) {
                terminal = true;
            } else {
                demanded = true;
                running = false;
                armed = true;
                readinessWaits++;
            }
        }
        if (n < 0) {
            deliver(null, null);
            return true;
        }
        armRead.run();
        return false;
    }

    private void deliver(ByteBuffer data, Throwable err) {
        TransportListener l = listener;
        try {
            if (data != null) {
                if (!dataStopped) {
                    l.onData(data);
                }
            } else if (err != null) {
                l.onError(err);
            } else {
                l.onEndOfStream();
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "WebSocket client transport listener failed", e);
        } finally {
            if (data != null) {
                // The contract: the listener consumed or copied everything before returning.
                data.position(data.limit());
            }
        }
    }
}
