package dev.gannet.websocket.coding;

/** The native WebSocket message type a Java type is received or sent as. */
public enum MessageKind {
    /** A text message (opcode 1). */
    TEXT,
    /** A binary message (opcode 2). */
    BINARY,
    /** A pong control frame. */
    PONG
}
