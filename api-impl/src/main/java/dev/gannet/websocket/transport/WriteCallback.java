package dev.gannet.websocket.transport;

/** Completion of one {@link Transport#write}. Exactly one method is called, once. */
public interface WriteCallback {

    /** All bytes were handed to the network. */
    void completed();

    /** The write failed; the connection is unusable. */
    void failed(Throwable failure);
}
