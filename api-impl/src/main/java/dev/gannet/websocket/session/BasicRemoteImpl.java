package dev.gannet.websocket.session;

import dev.gannet.websocket.coding.EncodedMessage;
import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The blocking remote: each call returns once its frame was written (or throws after the send
 * timeout). Calls from many threads queue in order instead of failing. A partial message belongs
 * to the thread that started it: its frames stay together, and another thread's whole message or
 * partial message queues behind it until its owner sends the last part (or its producer stalls:
 * see {@link FrameSchedule}). A high surrogate at the end of a text part is carried to the next part so characters are
 * never split between UTF-8 encodings.
 */
final class BasicRemoteImpl extends AbstractRemote implements RemoteEndpoint.Basic {

    /**
     * The open partial message of each thread that has one. A partial message belongs to the
     * thread that started it: only that thread's parts continue it, and another thread's parts
     * start a message of their own, queued behind it. Only the owner touches its entry, so the
     * lock guards the map alone and is never held while a send waits.
     */
    private final Map<Thread, Partial> partials = new HashMap<>(2);

    /** One thread's open partial message. */
    private static final class Partial {
        final OutMessage message = new OutMessage();
        final boolean text;
        /** A high surrogate held back from the previous text part, or 0. */
        char pendingHighSurrogate;

        Partial(boolean text) {
            this.text = text;
        }
    }

    private final MessageOutputStream.Spare spare = new MessageOutputStream.Spare();
    private final AtomicReference<WholeSend> spareWhole = new AtomicReference<>();

    BasicRemoteImpl(WsSession session, MessageSender sender) {
        super(session, sender);
    }

    @Override
    public void sendText(String text) throws IOException {
        requireArgument(text, "text");
        checkNoOwnPartial();
        sendWhole(OpCode.TEXT, utf8(text));
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        requireArgument(data, "data");
        checkNoOwnPartial();
        sendWhole(OpCode.BINARY, view(data));
    }

    /**
     * A whole message, with the session's spare message and future when no other thread is
     * using them (the usual case: one sending thread at a time), so a blocking send allocates
     * neither. They go back to the spare only after a clean write; after a failure the queue might
     * still refer to them, and a batched message is still in the queue.
     */
    private void sendWhole(int opcode, ByteBuffer payload) throws IOException {
        WholeSend w = spareWhole.getAndSet(null);
        if (w == null) {
            w = new WholeSend();
        }
        if (sender.sendBlocking(w.message, w.future, opcode, payload)) {
            w.message.reset();
            w.future.reset();
            spareWhole.set(w);
        }
    }

    /** The reusable parts of one blocking whole-message send. */
    private static final class WholeSend {
        final OutMessage message = new OutMessage();
        final SendFuture future = new SendFuture();
    }

    /**
     * The thread that started a partial message and has not finished it would wait for itself;
     * tell it instead.
     */
    private void checkNoOwnPartial() {
        if (ownPartial() != null) {
            throw new IllegalStateException("This thread started a partial message and has not sent its last "
                    + "part; send the last part (isLast=true) before a whole message");
        }
    }

    private Partial ownPartial() {
        synchronized (partials) {
            return partials.isEmpty() ? null : partials.get(Thread.currentThread());
        }
    }

    @Override
    public void sendText(String partialMessage, boolean isLast) throws IOException {
        requireArgument(partialMessage, "partialMessage");
        Partial p = partialFor(true);
        boolean first = p == null;
        if (first) {
            p = new Partial(true);
        }
        String text = partialMessage;
        if (p.pendingHighSurrogate != 0) {
            text = p.pendingHighSurrogate + text;
            p.pendingHighSurrogate = 0;
        }
        if (!isLast && !text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            p.pendingHighSurrogate = text.charAt(text.length() - 1);
            text = text.substring(0, text.length() - 1);
        }
        sendPart(p, first, OpCode.TEXT, utf8(text), isLast);
    }

    @Override
    public void sendBinary(ByteBuffer partialByte, boolean isLast) throws IOException {
        requireArgument(partialByte, "partialByte");
        Partial p = partialFor(false);
        boolean first = p == null;
        if (first) {
            p = new Partial(false);
        }
        sendPart(p, first, OpCode.BINARY, view(partialByte), isLast);
    }

    /** This thread's open partial message of the given kind, or {@code null} if it has none. */
    private Partial partialFor(boolean text) {
        Partial p = ownPartial();
        if (p != null && p.text != text) {
            // Its own open message blocks the queue: the new one would wait for itself.
            throw new IllegalStateException("This thread started a partial " + (p.text ? "text" : "binary")
                    + " message and has not sent its last part; finish it before a " + (text ? "text" : "binary")
                    + " message");
        }
        return p;
    }

    /**
     * Sends one part of {@code p}, the thread's message; a part that fails ends its message (the
     * next part starts a new one).
     */
    private void sendPart(Partial p, boolean first, int opcode, ByteBuffer payload, boolean last) throws IOException {
        Thread me = Thread.currentThread();
        if (first && !last) {
            synchronized (partials) {
                partials.put(me, p);
            }
        }
        boolean done = last;
        try {
            sender.sendBlocking(p.message, first ? opcode : OpCode.CONTINUATION, payload, last);
        } catch (IOException | RuntimeException e) {
            done = true;
            throw e;
        } finally {
            if (done && !(first && last)) { // an entry was put, or existed
                synchronized (partials) {
                    partials.remove(me, p);
                }
            }
        }
    }

    @Override
    public OutputStream getSendStream() throws IOException {
        return new MessageOutputStream(sender, OpCode.BINARY, spare);
    }

    @Override
    public Writer getSendWriter() throws IOException {
        return new MessageWriter(new MessageOutputStream(sender, OpCode.TEXT, spare));
    }

    @Override
    public void sendObject(Object data) throws IOException, EncodeException {
        requireArgument(data, "data");
        EncodedMessage encoded = session.encoders().encode(data);
        if (encoded.isText()) {
            sendText(encoded.text());
        } else {
            sendBinary(encoded.binary());
        }
    }
}
