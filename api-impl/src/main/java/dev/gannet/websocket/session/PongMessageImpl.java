package dev.gannet.websocket.session;

import jakarta.websocket.PongMessage;
import java.nio.ByteBuffer;

/** A received pong's application data, owned by the message (copied out of the read buffer). */
record PongMessageImpl(byte[] data) implements PongMessage {

    @Override
    public ByteBuffer getApplicationData() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }
}
