package dev.gannet.websocket.session;

import dev.gannet.websocket.coding.EncodedMessage;
import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The blocking remote: each call returns once its frame was written (or throws after the send
 * timeout). Calls from many threads queue in order instead of failing; a partial message's
 * frames stay together, and a whole message sent meanwhile by another thread waits for its last
 * part. A high surrogate at the end of a text part is carried to the next part so characters are
 * never split between UTF-8 encodings.
 */
final class BasicRemoteImpl extends AbstractRemote implements RemoteEndpoint.Basic {

    private final Object partialLock = new Object();
    private OutMessage partialText;
    private Thread partialTextOwner;
    private char pendingHighSurrogate;
    private OutMessage partialBinary;
    private Thread partialBinaryOwner;

    BasicRemoteImpl(WsSession session, MessageSender sender) {
        super(session, sender);
    }

    @Override
    public void sendText(String text) throws IOException {
        requireArgument(text, "text");
        checkNotOwnPartial();
        sender.sendBlocking(new OutMessage(), OpCode.TEXT, utf8(text), true);
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        requireArgument(data, "data");
        checkNotOwnPartial();
        sender.sendBlocking(new OutMessage(), OpCode.BINARY, view(data), true);
    }

    /**
     * The thread that started a partial message and has not finished it would wait for itself;
     * tell it instead.
     */
    private void checkNotOwnPartial() {
        synchronized (partialLock) {
            Thread me = Thread.currentThread();
            if (partialTextOwner == me || partialBinaryOwner == me) {
                throw new IllegalStateException("This thread started a partial message and has not sent its last "
                        + "part; send the last part (isLast=true) before a whole message");
            }
        }
    }

    @Override
    public void sendText(String partialMessage, boolean isLast) throws IOException {
        requireArgument(partialMessage, "partialMessage");
        OutMessage m;
        SendFuture future;
        synchronized (partialLock) {
            boolean first = partialText == null;
            if (first) {
                partialText = new OutMessage();
                pendingHighSurrogate = 0;
            }
            m = partialText;
            String text = partialMessage;
            if (pendingHighSurrogate != 0) {
                text = pendingHighSurrogate + text;
                pendingHighSurrogate = 0;
            }
            if (!isLast && !text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
                pendingHighSurrogate = text.charAt(text.length() - 1);
                text = text.substring(0, text.length() - 1);
            }
            if (isLast) {
                partialText = null;
                partialTextOwner = null;
            } else {
                partialTextOwner = Thread.currentThread();
            }
            future = sender.enqueueBlocking(m, first ? OpCode.TEXT : OpCode.CONTINUATION, utf8(text), isLast);
        }
        sender.await(future, m);
    }

    @Override
    public void sendBinary(ByteBuffer partialByte, boolean isLast) throws IOException {
        requireArgument(partialByte, "partialByte");
        OutMessage m;
        SendFuture future;
        synchronized (partialLock) {
            boolean first = partialBinary == null;
            if (first) {
                partialBinary = new OutMessage();
            }
            m = partialBinary;
            if (isLast) {
                partialBinary = null;
                partialBinaryOwner = null;
            } else {
                partialBinaryOwner = Thread.currentThread();
            }
            future = sender.enqueueBlocking(m, first ? OpCode.BINARY : OpCode.CONTINUATION, view(partialByte), isLast);
        }
        sender.await(future, m);
    }

    @Override
    public OutputStream getSendStream() throws IOException {
        return new MessageOutputStream(sender, OpCode.BINARY, session.getMaxBinaryMessageBufferSize());
    }

    @Override
    public Writer getSendWriter() throws IOException {
        return new OutputStreamWriter(new MessageOutputStream(sender, OpCode.TEXT,
                session.getMaxTextMessageBufferSize()), StandardCharsets.UTF_8);
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
