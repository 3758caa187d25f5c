package dev.gannet.websocket.servlet;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What {@link GannetUpgradeHandler} needs once the container hands it the upgraded connection:
 * the transport's buffers, sizes and thread source, the addresses seen during the handshake (the
 * {@code WebConnection} does not expose them: as the IP literals and ports the request gave,
 * null and -1 when unknown), and what to do with the new transport.
 *
 * @param opener runs on an executor thread with the started transport; typically opens the
 *     WebSocket session (calls {@code Endpoint.onOpen}, which may block)
 */
record UpgradeTarget(Executor executor, ReadBuffers readBuffers, int writeChunkSize, ReadArming readArming,
        String localHost, int localPort, String remoteHost, int remotePort, boolean secure,
        Consumer<ServletTransport> opener) {
}
