package dev.gannet.websocket.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.Map;

/**
 * Performs {@code ServerContainer.upgradeHttpToWebSocket} for the HTTP layer that installed it
 * on a {@link GannetServerContainer} (the servlet integration), typically by adapting the
 * request to an {@link UpgradeRequest}, calling
 * {@link GannetServerContainer#handshake(ServerEndpointConfig, Map, UpgradeRequest)}, writing the
 * outcome and, when accepted, upgrading the connection and calling
 * {@link HandshakeOutcome#openSession}.
 */
@FunctionalInterface
public interface UpgradeHook {

    /**
     * Same contract as {@code ServerContainer.upgradeHttpToWebSocket}; {@code pathParameters} is
     * never null.
     */
    void upgrade(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
                 Map<String, String> pathParameters) throws IOException, DeploymentException;
}
