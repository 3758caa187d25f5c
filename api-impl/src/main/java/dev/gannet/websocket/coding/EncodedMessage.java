package dev.gannet.websocket.coding;

import java.nio.ByteBuffer;

/** The result of encoding an object: exactly one of text or binary is non-null. */
public record EncodedMessage(String text, ByteBuffer binary) {

    /** Whether this is a text message. */
    public boolean isText() {
        return text != null;
    }
}
