package dev.gannet.websocket.server;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

/**
 * The client container that a server container's {@code connectToServer} calls go to: the one
 * set explicitly, else the first {@link ContainerProvider} finds (looked up once, on first use,
 * so a server that never connects out never creates a client).
 */
final class ClientDelegate {

    private final WebSocketContainer owner;
    private volatile WebSocketContainer client;

    ClientDelegate(WebSocketContainer owner) {
        this.owner = owner;
    }

    void set(WebSocketContainer client) {
        this.client = client;
    }

    WebSocketContainer get() {
        WebSocketContainer c = client;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (client == null) {
                WebSocketContainer found = ContainerProvider.getWebSocketContainer();
                if (found == null || found == owner) {
                    // Delegating to ourselves would recurse forever.
                    throw new IllegalStateException("No WebSocket client container is available for connectToServer;"
                            + " set one with GannetServerContainer.setClientContainer");
                }
                client = found;
            }
            return client;
        }
    }
}
