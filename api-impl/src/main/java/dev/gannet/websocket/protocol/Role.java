package dev.gannet.websocket.protocol;

/**
 * The side of the connection we are. It decides the masking rule of RFC 6455 §5.1: a server
 * requires every received frame to be masked and never masks its own; a client does the opposite.
 */
public enum Role {
    CLIENT,
    SERVER
}
