package dev.gannet.websocket.endpoint;

/** The three kinds of incoming message a session can have one handler for (spec 4.7). */
enum NativeType {
    TEXT, BINARY, PONG;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
