package dev.gannet.websocket.servlet;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What {@link GannetUpgradeHandler} needs once the container hands it the upgraded connection:
 * the transport's buffers, sizes and thread source, the addresses seen during the handshake (the
 * {@code WebConnection} does not expose them), and what to do with the new transport.
 *
 * @param opener runs on an executor thread with the started transport; typically opens the
 *     WebSocket session (calls {@code Endpoint.onOpen}, which may block)
 */
record UpgradeTarget(Executor executor, ReadBuffers readBuffers, int writeChunkSize, ReadArming readArming,
        InetSocketAddress localAddress, InetSocketAddress remoteAddress, boolean secure,
        Consumer<ServletTransport> opener) {
}
