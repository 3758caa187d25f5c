package dev.gannet.websocket.endpoint;

/**
 * One validated {@code @OnMessage} method: how it is called, which native message type it
 * handles, whether parts or whole messages are delivered, the type T of the message handler the
 * adapter registers for it, its size limit and what is done with its return value.
 *
 * @param stream true for Reader and InputStream parameters (whole message, read as it arrives)
 * @param handlerType the T of the registered {@code MessageHandler.Whole<T>}/{@code Partial<T>}
 *        (the parameter type, boxed for primitives)
 * @param maxMessageSize the annotation's value, -1 if none
 */
record MessageMethod(Invoker invoker, NativeType nativeType, boolean partial, boolean stream,
        Class<?> handlerType, long maxMessageSize, ReturnKind returnKind) {

    /** How a non-void return value goes back to the peer (javadoc of {@code @OnMessage}). */
    enum ReturnKind {
        NONE, TEXT, BYTE_BUFFER, BYTE_ARRAY,
        /** A primitive or box with no encoder declared for it: its standard string form as text. */
        STRING_VALUE,
        /** Anything with a declared encoder: through {@code sendObject}. */
        OBJECT
    }

    /**
     * The limit only concerns whole text and binary messages: the javadoc of {@code maxMessageSize}
     * excludes parts, streams and readers, and pongs are at most 125 bytes anyway.
     */
    boolean appliesMaxMessageSize() {
        return maxMessageSize > 0 && !partial && !stream && nativeType != NativeType.PONG;
    }
}
