package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the Basic and Async remotes share: ping, pong and batching. Batching is a hint the spec
 * lets implementations ignore; frames are already gathered into batched writes, so
 * {@link #flushBatch()} only waits until everything queued has been written.
 */
abstract class AbstractRemote implements RemoteEndpoint {

    final WsSession session;
    final MessageSender sender;
    private volatile boolean batching;

    AbstractRemote(WsSession session, MessageSender sender) {
        this.session = session;
        this.sender = sender;
    }

    @Override
    public void setBatchingAllowed(boolean allowed) throws IOException {
        boolean was = batching;
        batching = allowed;
        if (was && !allowed) {
            flushBatch();
        }
    }

    @Override
    public boolean getBatchingAllowed() {
        return batching;
    }

    @Override
    public void flushBatch() throws IOException {
        try {
            if (!session.outbound().awaitDrained(OutboundQueue.toNanos(sender.sendTimeoutMs()))) {
                throw new java.net.SocketTimeoutException("Queued messages not written within the send timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while flushing");
        }
    }

    @Override
    public void sendPing(ByteBuffer applicationData) throws IOException, IllegalArgumentException {
        sender.sendControl(OpCode.PING, applicationData);
    }

    @Override
    public void sendPong(ByteBuffer applicationData) throws IOException, IllegalArgumentException {
        sender.sendControl(OpCode.PONG, applicationData);
    }

    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The caller's bytes as the engine's own view (position/limit of the caller's buffer untouched). */
    static ByteBuffer view(ByteBuffer data) {
        return data.slice();
    }

    static <T> T requireArgument(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
