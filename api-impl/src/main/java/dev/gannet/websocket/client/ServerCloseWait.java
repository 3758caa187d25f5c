package dev.gannet.websocket.client;

import dev.gannet.websocket.session.SessionScheduler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * The last step of a client connection that ends cleanly: RFC 6455 §7.1.1 wants the server to
 * close TCP first ("when a client is instructed to Close the WebSocket Connection, it SHOULD
 * wait for a TCP Close from the server"), so once our last frame is written the socket stays
 * open, whatever still arrives is read and discarded (after failing the connection the client
 * must not process it, §7.1.7), and the socket is closed when the server's end of stream or a
 * read error arrives, or when the wait times out. Closing first is not only impolite: a server
 * that sees the client's FIN before it has written its own close frame may never finish the
 * connection (the Autobahn fuzzing server under Jython then never records the case, see
 * conformance/README.md). Everything here runs on the connection's selector thread.
 */
final class ServerCloseWait {

    private static final int DISCARD_BYTES = 4096;
    /** Reads per readiness before yielding the loop to other connections (a server that floods). */
    private static final int READS_PER_READINESS = 16;

    private final SocketChannel channel;
    /** Asks the loop for one {@code OP_READ} readiness (then {@link #onReadable()}). */
    private final Runnable armRead;
    /** Closes the socket (on the loop). */
    private final Runnable closeSocket;
    private ByteBuffer discard;
    private ScheduledFuture<?> timer;
    private boolean waiting;

    ServerCloseWait(SocketChannel channel, Runnable armRead, Runnable closeSocket) {
        this.channel = channel;
        this.armRead = armRead;
        this.closeSocket = closeSocket;
    }

    /** Whether the socket is held open for the server's close. */
    boolean waiting() {
        return waiting;
    }

    /**
     * Starts waiting, at most {@code timeoutMs}; {@code onLoop} runs a task on the loop (the
     * timer fires on the shared session timer thread).
     */
    void start(long timeoutMs, Consumer<Runnable> onLoop) {
        waiting = true;
        discard = ByteBuffer.allocate(DISCARD_BYTES);
        timer = SessionScheduler.schedule(() -> onLoop.accept(this::timedOut), timeoutMs);
        onReadable();
    }

    /** The socket is readable: discard what is there; the server's end of stream ends the wait. */
    void onReadable() {
        if (!waiting) {
            return;
        }
        try {
            for (int i = 0; i < READS_PER_READINESS; i++) {
                discard.clear();
                int n = channel.read(discard);
                if (n < 0) {
                    finish();
                    return;
                }
                if (n == 0) {
                    break;
                }
            }
        } catch (IOException e) {
            finish(); // reset by the server: nothing left to wait for
            return;
        }
        armRead.run();
    }

    /** The socket was closed another way (abort, failure): forget the timer. */
    void cancel() {
        waiting = false;
        discard = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void timedOut() {
        if (waiting) {
            finish();
        }
    }

    private void finish() {
        cancel();
        closeSocket.run();
    }
}
