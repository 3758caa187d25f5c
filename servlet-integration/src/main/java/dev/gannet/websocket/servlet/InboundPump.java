package dev.gannet.websocket.servlet;

import dev.gannet.websocket.transport.TransportListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.WriteListener;
import java.io.EOFException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The read half of {@link ServletTransport}: one delivery to the listener per demand, on a
 * thread that may block. Two implementations, because containers differ in which threads may
 * read (see {@link ReadArming}).
 */
interface InboundPump extends ReadListener {

    static InboundPump create(ServletInputStream in, Executor executor, ReadBuffers buffers, ReadArming arming) {
        return arming == ReadArming.PROBE
                ? new ProbingReader(in, executor, buffers)
                : new ContainerThreadReader(in, executor, buffers);
    }

    void setListener(TransportListener listener);

    void demand();

    /** No further deliveries, whatever happens on the stream. */
    void stop();

    /** Records end of stream ({@code null}) or a failure; the first one recorded wins. */
    void terminate(Throwable failure);

    /**
     * Offers the closing of the connection to a container thread inside one of this pump's
     * callbacks, which runs {@code close} before it returns to the container. Returns
     * {@code false} when the caller must close itself (no container thread is at hand, or the
     * container closes promptly from any thread).
     */
    default boolean handOverClose(Runnable close) {
        return false;
    }

    /**
     * Asks the output's {@code isReady()} for the writer. A {@code false} means the container
     * must get its thread back soon to call {@code onWritePossible}; a pump that holds a
     * container thread for a while may instead call {@code writer}'s {@code onWritePossible}
     * itself once the output is ready.
     */
    default boolean outputReady(BooleanSupplier isReady, WriteListener writer) {
        return isReady.getAsBoolean();
    }

    /**
     * The container called {@code onWritePossible}; runs on its thread before the writer does,
     * and is always followed by {@link #afterWritePossible()} on the same thread.
     */
    default void writePossible() {
    }

    /**
     * Whether the calling thread is delivering input of which bytes remain to be delivered (the
     * replies to them will follow): a write it makes now may leave its flush to {@code afterDelivery}.
     */
    default boolean moreInputQueued() {
        return false;
    }

    /** Sets what runs on the delivering thread each time a delivery to the listener returned. */
    default void afterDelivery(Runnable hook) {
    }

    /** The container's {@code onWritePossible} thread, after the writer ran, may read now. */
    default void afterWritePossible() {
    }

    @Override
    default void onAllDataRead() {
        terminate(null);
    }

    @Override
    default void onError(Throwable failure) {
        // Tomcat reports a peer's FIN this way: an ordinary end of stream, no error of the application's.
        terminate(failure instanceof EOFException ? null : failure);
    }
}
