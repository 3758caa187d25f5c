package dev.gannet.websocket.client;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

/**
 * Gannet's {@link ContainerProvider}, registered in
 * {@code META-INF/services/jakarta.websocket.ContainerProvider}: each
 * {@code ContainerProvider.getWebSocketContainer()} gets a new {@link GannetClientContainer}.
 * All containers share the client's selector and worker threads, so making many is cheap.
 */
public final class GannetContainerProvider extends ContainerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public GannetContainerProvider() {
    }

    @Override
    protected WebSocketContainer getContainer() {
        return new GannetClientContainer();
    }
}
