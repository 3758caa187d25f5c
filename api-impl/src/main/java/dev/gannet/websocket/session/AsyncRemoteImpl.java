package dev.gannet.websocket.session;

import dev.gannet.websocket.coding.EncodedMessage;
import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.nio.ByteBuffer;
import java.util.concurrent.Future;

/**
 * The non-blocking remote: messages join the session's one outbound queue and complete through a
 * {@link Future} or a {@link SendHandler} (called once, on the thread that completed the write or
 * detected the failure). A send refused because the queue reached its byte bound, or not written
 * within the send timeout, completes with the exception saying so.
 */
final class AsyncRemoteImpl extends AbstractRemote implements RemoteEndpoint.Async {

    AsyncRemoteImpl(WsSession session, MessageSender sender) {
        super(session, sender);
    }

    @Override
    public long getSendTimeout() {
        return sender.sendTimeoutMs();
    }

    @Override
    public void setSendTimeout(long timeoutmillis) {
        sender.sendTimeoutMs(timeoutmillis);
    }

    @Override
    public void sendText(String text, SendHandler handler) {
        requireArgument(text, "text");
        requireArgument(handler, "handler");
        sender.sendAsync(OpCode.TEXT, utf8(text), toCompletion(handler));
    }

    @Override
    public Future<Void> sendText(String text) {
        requireArgument(text, "text");
        SendFuture future = new SendFuture();
        sender.sendAsync(OpCode.TEXT, utf8(text), future);
        return future;
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
        requireArgument(data, "data");
        SendFuture future = new SendFuture();
        sender.sendAsync(OpCode.BINARY, view(data), future);
        return future;
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
        requireArgument(data, "data");
        requireArgument(handler, "handler");
        sender.sendAsync(OpCode.BINARY, view(data), toCompletion(handler));
    }

    @Override
    public Future<Void> sendObject(Object data) {
        requireArgument(data, "data");
        SendFuture future = new SendFuture();
        sendEncoded(data, future);
        return future;
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
        requireArgument(data, "data");
        requireArgument(handler, "handler");
        sendEncoded(data, toCompletion(handler));
    }

    private void sendEncoded(Object data, SendCompletion completion) {
        EncodedMessage encoded;
        try {
            encoded = session.encoders().encode(data);
        } catch (EncodeException | RuntimeException e) {
            completion.completed(e);
            return;
        }
        if (encoded.isText()) {
            sender.sendAsync(OpCode.TEXT, utf8(encoded.text()), completion);
        } else {
            sender.sendAsync(OpCode.BINARY, view(encoded.binary()), completion);
        }
    }

    private SendCompletion toCompletion(SendHandler handler) {
        return failure -> session.callSendHandler(handler,
                failure == null ? new SendResult(session) : new SendResult(session, failure));
    }
}
