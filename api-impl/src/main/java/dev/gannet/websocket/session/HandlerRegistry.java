package dev.gannet.websocket.session;

import dev.gannet.websocket.coding.BuiltinCoders;
import dev.gannet.websocket.coding.DecoderSet;
import dev.gannet.websocket.coding.GenericTypes;
import dev.gannet.websocket.coding.MessageKind;
import jakarta.websocket.MessageHandler;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The message handlers of a session, at most one per native message type (text, binary, pong),
 * enforcing the spec's registration rules. Reads are lock-free (the inbound thread picks the
 * handler once at the start of each message); changes are synchronised.
 */
final class HandlerRegistry {

    private final DecoderSet decoders;
    private volatile HandlerBinding text;
    private volatile HandlerBinding binary;
    private volatile HandlerBinding pong;

    HandlerRegistry(DecoderSet decoders) {
        this.decoders = decoders;
    }

    HandlerBinding text() {
        return text;
    }

    HandlerBinding binary() {
        return binary;
    }

    HandlerBinding pong() {
        return pong;
    }

    /** {@code Session.addMessageHandler(MessageHandler)}: the type comes from the handler's class. */
    void add(MessageHandler handler) {
        Objects.requireNonNull(handler, "handler");
        boolean partial;
        Class<?> type;
        if (handler instanceof MessageHandler.Whole) {
            partial = false;
            type = GenericTypes.resolve(handler.getClass(), MessageHandler.Whole.class, 0);
        } else if (handler instanceof MessageHandler.Partial) {
            partial = true;
            type = GenericTypes.resolve(handler.getClass(), MessageHandler.Partial.class, 0);
        } else {
            throw new IllegalArgumentException("A MessageHandler must implement MessageHandler.Whole or "
                    + "MessageHandler.Partial: " + handler.getClass().getName());
        }
        if (type == null) {
            throw new IllegalStateException("Cannot determine the message type of " + handler.getClass().getName()
                    + " (a lambda or a generic class); use Session.addMessageHandler(Class, handler) instead");
        }
        register(type, handler, partial);
    }

    /** {@code Session.addMessageHandler(Class, Whole/Partial)}. */
    void add(Class<?> type, MessageHandler handler, boolean partial) {
        Objects.requireNonNull(type, "clazz");
        Objects.requireNonNull(handler, "handler");
        register(type, handler, partial);
    }

    private synchronized void register(Class<?> type, MessageHandler handler, boolean partial) {
        MessageKind kind = partial ? partialKind(type) : decoders.kindOf(type);
        if (kind == null) {
            throw new IllegalStateException("No decoder for message type " + type.getName() + " of handler "
                    + handler.getClass().getName() + ": use String, Reader, ByteBuffer, byte[], InputStream, "
                    + "PongMessage, a primitive or box, or add a Decoder for it to the endpoint's configuration");
        }
        HandlerBinding binding = new HandlerBinding(handler, BuiltinCoders.box(type), partial, kind);
        switch (kind) {
            case TEXT -> {
                check(text, "text");
                text = binding;
            }
            case BINARY -> {
                check(binary, "binary");
                binary = binding;
            }
            default -> {
                check(pong, "pong");
                pong = binding;
            }
        }
    }

    private static MessageKind partialKind(Class<?> type) {
        if (type == String.class) {
            return MessageKind.TEXT;
        }
        if (type == ByteBuffer.class || type == byte[].class) {
            return MessageKind.BINARY;
        }
        throw new IllegalStateException("A MessageHandler.Partial must take String, ByteBuffer or byte[], not "
                + type.getName());
    }

    private static void check(HandlerBinding existing, String what) {
        if (existing != null) {
            throw new IllegalStateException("A " + what + " message handler is already registered ("
                    + existing.handler().getClass().getName() + "); remove it first");
        }
    }

    synchronized void remove(MessageHandler handler) {
        if (text != null && text.handler() == handler) {
            text = null;
        }
        if (binary != null && binary.handler() == handler) {
            binary = null;
        }
        if (pong != null && pong.handler() == handler) {
            pong = null;
        }
    }

    synchronized Set<MessageHandler> all() {
        Set<MessageHandler> set = new LinkedHashSet<>();
        for (HandlerBinding b : new HandlerBinding[] {text, binary, pong}) {
            if (b != null) {
                set.add(b.handler());
            }
        }
        return java.util.Collections.unmodifiableSet(set);
    }
}
