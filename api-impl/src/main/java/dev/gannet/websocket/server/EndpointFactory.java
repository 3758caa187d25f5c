package dev.gannet.websocket.server;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Makes the {@link Endpoint} that serves one new connection. Programmatic endpoints are the
 * configurator's instance itself; annotated ones are the instance wrapped in an adapter.
 */
@FunctionalInterface
interface EndpointFactory {

    /** Called once per accepted handshake, after modifyHandshake. */
    Endpoint create(ServerEndpointConfig config) throws InstantiationException;
}
