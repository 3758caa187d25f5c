package dev.gannet.websocket.client;

import dev.gannet.websocket.transport.WriteCallback;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The write side of a {@link NioTransport}. A write is tried at once on the caller's thread (a
 * non-blocking socket write needs no selector); only what the socket does not take waits for
 * {@code OP_WRITE} and is finished by the loop. Completions run through a serial executor, so
 * the engine may start its next write from a callback without recursing or overlapping.
 * Everything here is guarded by one lock, held only around non-blocking socket calls.
 */
final class WritePath {

    private final SocketChannel channel;
    private final SerialExecutor completions;
    /** Asks the loop for one {@code OP_WRITE} readiness (then {@link #onWritable()}). */
    private final Runnable armWrite;
    /** The last write finished after {@link #closeWhenDone()}: the transport closes now. */
    private final Runnable drainedClose;
    /** A socket write failed: the transport fails the connection (off the caller's lock). */
    private final Consumer<Throwable> writeFailed;

    private final Object lock = new Object();
    private TlsCodec tls;
    private ByteBuffer[] buffers;
    private WriteCallback callback;
    private boolean armed;
    private boolean closeAfterWrite;
    private Throwable closedBy;

    WritePath(SocketChannel channel, SerialExecutor completions, Runnable armWrite, Runnable drainedClose,
            Consumer<Throwable> writeFailed) {
        this.channel = channel;
        this.completions = completions;
        this.armWrite = armWrite;
        this.drainedClose = drainedClose;
        this.writeFailed = writeFailed;
    }

    void useTls(TlsCodec codec) {
        synchronized (lock) {
            tls = codec;
        }
    }

    void write(ByteBuffer[] src, WriteCallback cb) {
        Throwable refused = null;
        synchronized (lock) {
            if (closedBy != null || closeAfterWrite) {
                refused = closedBy != null ? closedBy : new ClosedChannelException();
            } else if (callback != null) {
                refused = new IllegalStateException("A write is already pending");
            } else {
                buffers = src;
                callback = cb;
                if (armed) {
                    return; // the loop flushes it with what already waits
                }
            }
        }
        if (refused != null) {
            Throwable why = refused;
            completions.execute(() -> cb.failed(why));
            return;
        }
        flush(true);
    }

    /** On the loop: the socket takes bytes again. */
    void onWritable() {
        synchronized (lock) {
            armed = false;
        }
        flush(false);
    }

    /** A TLS post-handshake message asked for a reply record: sent with what is pending. */
    void sendTlsReply() {
        synchronized (lock) {
            if (tls == null || closedBy != null || tls.netOut().hasRemaining()) {
                return; // sent with the next flush; the engine asks again
            }
            try {
                tls.wrapEmpty();
            } catch (IOException e) {
                writeFailed.accept(e);
                return;
            }
        }
        flush(false);
    }

    /**
     * Writes what the socket takes now. {@code onCaller}: we run on the thread that called
     * {@link #write}, which may run the completion itself (the engine's write pump is
     * re-entrant safe, and that thread is the engine's, never the selector).
     */
    private void flush(boolean onCaller) {
        WriteCallback done = null;
        boolean arm = false;
        boolean close = false;
        Throwable failed = null;
        synchronized (lock) {
            if (closedBy != null || armed) {
                return;
            }
            try {
                boolean pending;
                if (tls == null) {
                    if (buffers != null) {
                        channel.write(buffers);
                    }
                    pending = buffers != null && TlsCodec.hasRemaining(buffers);
                } else {
                    pending = !tls.write(channel, buffers);
                }
                if (pending) {
                    armed = arm = true;
                } else {
                    done = callback;
                    callback = null;
                    buffers = null;
                    close = closeAfterWrite;
                }
            } catch (IOException | RuntimeException e) {
                failed = e;
            }
        }
        if (failed != null) {
            writeFailed.accept(failed);
        } else if (arm) {
            armWrite.run();
        } else {
            if (done != null && onCaller) {
                completions.executeHere(done::completed);
            } else if (done != null) {
                completions.execute(done::completed);
            }
            if (close) {
                drainedClose.run();
            }
        }
    }

    /**
     * Refuses further writes at once (the caller closed the transport); returns true when nothing
     * is pending (close now), else the close follows the pending write.
     */
    boolean closeWhenDone() {
        synchronized (lock) {
            closeAfterWrite = true;
            return callback == null || closedBy != null;
        }
    }

    /**
     * The connection closes: later writes fail, the pending one fails with {@code why} (or a
     * {@link ClosedChannelException}), and TLS sends close_notify if {@code notifyPeer}.
     */
    void close(Throwable why, boolean notifyPeer) {
        WriteCallback pending;
        synchronized (lock) {
            if (closedBy != null) {
                return;
            }
            closedBy = why != null ? why : new ClosedChannelException();
            if (tls != null && notifyPeer) {
                tls.closeOutbound(channel);
            }
            pending = callback;
            callback = null;
            buffers = null;
        }
        if (pending != null) {
            Throwable e = why != null ? why : new ClosedChannelException();
            completions.execute(() -> pending.failed(e));
        }
    }
}
