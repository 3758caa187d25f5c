package dev.gannet.websocket.server;

import dev.gannet.websocket.protocol.DeflateParameters;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an accepted handshake decided, kept until the HTTP layer hands over the upgraded
 * connection: the session is built from it. Holds no reference to the HTTP request.
 */
record PreparedConnection(GannetServerContainer container, DeployedEndpoint deployed, Endpoint endpoint,
                          PerConnectionConfig config, Map<String, String> pathParameters, URI requestUri,
                          String queryString, Map<String, List<String>> parameterMap, Principal principal,
                          String subprotocol, List<Extension> extensions, Optional<DeflateParameters> deflate,
                          ServerSettings.Effective settings) {
}
