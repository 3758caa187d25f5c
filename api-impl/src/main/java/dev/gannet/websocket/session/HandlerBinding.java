package dev.gannet.websocket.session;

import dev.gannet.websocket.coding.MessageKind;
import jakarta.websocket.MessageHandler;

/**
 * A registered message handler with what was learnt about it at registration: the message type it
 * takes, whether it is partial, and the native message type it receives.
 */
record HandlerBinding(MessageHandler handler, Class<?> type, boolean partial, MessageKind kind) {

    @SuppressWarnings("unchecked")
    void whole(Object message) {
        ((MessageHandler.Whole<Object>) handler).onMessage(message);
    }

    @SuppressWarnings("unchecked")
    void partial(Object part, boolean last) {
        ((MessageHandler.Partial<Object>) handler).onMessage(part, last);
    }
}
