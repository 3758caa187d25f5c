package dev.gannet.websocket.server;

import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The endpoint chosen for a request path, with the values of its path variables
 * (percent-decoded). Obtained from {@link GannetServerContainer#match(String)} and handed back to
 * {@link GannetServerContainer#handshake(EndpointMatch, UpgradeRequest)}.
 */
public final class EndpointMatch {

    private final DeployedEndpoint endpoint;
    private final Map<String, String> pathParameters;

    EndpointMatch(DeployedEndpoint endpoint, Map<String, String> pathParameters) {
        this.endpoint = endpoint;
        // In template order (Map.copyOf would scramble it): Session.getPathParameters() and the
        // handshake's parameter map list the variables as the path declares them.
        this.pathParameters = pathParameters.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
    }

    /** The matched endpoint's configuration. */
    public ServerEndpointConfig config() {
        return endpoint.config();
    }

    /** The endpoint path as deployed, e.g. {@code /rooms/{room}}. */
    public String path() {
        return endpoint.template().path();
    }

    /** Path variable name to decoded value, in template order; empty for a path without variables. */
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    DeployedEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String toString() {
        return endpoint + " " + pathParameters;
    }
}
