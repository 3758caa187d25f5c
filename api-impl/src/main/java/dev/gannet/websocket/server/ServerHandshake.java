package dev.gannet.websocket.server;

import dev.gannet.websocket.protocol.ExtensionHeader;
import dev.gannet.websocket.protocol.ExtensionOffer;
import dev.gannet.websocket.protocol.HandshakeKeys;
import dev.gannet.websocket.protocol.HttpTokens;
import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server side of the opening handshake (RFC 6455 §4.2) for one request already matched to
 * an endpoint: validation of the request, then the configurator's steps in the order its javadoc
 * gives (checkOrigin, subprotocol and extension negotiation, modifyHandshake on the formulated
 * response, getEndpointInstance). Every failure becomes a refused {@link HandshakeOutcome}; a
 * request never gets a 101 that the session could not honour.
 */
final class ServerHandshake {

    private static final System.Logger LOG = System.getLogger(ServerHandshake.class.getName());

    static final String UPGRADE = "Upgrade";
    static final String CONNECTION = "Connection";
    static final String ORIGIN = "Origin";
    static final String VERSION = "13";

    private ServerHandshake() {
    }

    static HandshakeOutcome perform(GannetServerContainer container, DeployedEndpoint deployed,
                                    Map<String, String> pathParameters, UpgradeRequest request) {
        Map<String, List<String>> headers = Headers.readOnlyCopy(request.getHeaders());
        HandshakeOutcome invalid = validate(request.getMethod(), headers);
        if (invalid != null) {
            return invalid;
        }
        // The request target is read once, here, before any application code: an HTTP server
        // may pass on a target that java.net.URI rejects or a query it cannot decode, and that
        // is the client's fault (400), not a failure of the configurator's steps (500).
        URI requestUri;
        try {
            requestUri = request.getRequestURI();
        } catch (IllegalArgumentException e) {
            return bad("The request URI is not a valid URI (RFC 3986): " + e.getMessage());
        }
        Map<String, List<String>> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (RuntimeException e) {
            return bad("The query string " + request.getQueryString() + " cannot be decoded: " + e.getMessage());
        }
        List<ExtensionOffer> offers;
        try {
            offers = ExtensionHeader.parseAll(Headers.all(headers, HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS));
        } catch (IllegalArgumentException e) {
            return HandshakeOutcome.refused(HandshakeOutcome.BAD_REQUEST,
                    "Malformed " + HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS + " header: " + e.getMessage());
        }
        List<String> requestedProtocols = new ArrayList<>();
        for (String value : Headers.all(headers, HandshakeRequest.SEC_WEBSOCKET_PROTOCOL)) {
            for (String p : HttpTokens.splitCommaList(value)) {
                if (!HttpTokens.isToken(p)) {
                    return HandshakeOutcome.refused(HandshakeOutcome.BAD_REQUEST, "Malformed "
                            + HandshakeRequest.SEC_WEBSOCKET_PROTOCOL + " header: \"" + p + "\" is not a token");
                }
                requestedProtocols.add(p);
            }
        }
        String key = Headers.single(headers, HandshakeRequest.SEC_WEBSOCKET_KEY).trim();

        ServerEndpointConfig sec = deployed.config();
        ServerEndpointConfig.Configurator configurator = sec.getConfigurator();
        String step = "reading the endpoint's user properties";
        try {
            ServerSettings.Effective deployedSettings = container.settings().forEndpoint(sec.getUserProperties());
            step = "checkOrigin";
            List<String> origins = Headers.all(headers, ORIGIN);
            String origin = origins.isEmpty() ? null : origins.get(0);
            if (!configurator.checkOrigin(origin)) {
                return HandshakeOutcome.refused(HandshakeOutcome.FORBIDDEN, "Origin " + origin + " refused by "
                        + configurator.getClass().getName() + ".checkOrigin for " + deployed);
            }

            step = "getNegotiatedSubprotocol";
            String subprotocol = configurator.getNegotiatedSubprotocol(sec.getSubprotocols(), requestedProtocols);
            if (subprotocol == null || subprotocol.isEmpty()) {
                subprotocol = "";
            } else if (!requestedProtocols.contains(subprotocol)) {
                // RFC 6455 §4.1: a client fails the connection on a subprotocol it did not ask for.
                LOG.log(Level.WARNING, "{0}.getNegotiatedSubprotocol returned \"{1}\", which the client did not"
                        + " request {2}; no subprotocol is selected", configurator.getClass().getName(), subprotocol,
                        requestedProtocols);
                subprotocol = "";
            }

            step = "getNegotiatedExtensions";
            ExtensionNegotiation extensions = ExtensionNegotiation.negotiate(configurator, sec, offers,
                    container.installedExtensionsFor(deployedSettings));

            WsHandshakeResponse response = new WsHandshakeResponse();
            Map<String, List<String>> out = response.getHeaders();
            out.put(UPGRADE, new ArrayList<>(List.of("websocket")));
            out.put(CONNECTION, new ArrayList<>(List.of("Upgrade")));
            out.put(HandshakeResponse.SEC_WEBSOCKET_ACCEPT, new ArrayList<>(List.of(HandshakeKeys.accept(key))));
            if (!subprotocol.isEmpty()) {
                out.put(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL, new ArrayList<>(List.of(subprotocol)));
            }
            if (!extensions.response().isEmpty()) {
                out.put(HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS,
                        new ArrayList<>(List.of(ExtensionHeader.format(extensions.response()))));
            }

            step = "modifyHandshake";
            PerConnectionConfig connectionConfig = new PerConnectionConfig(sec);
            WsHandshakeRequest handshakeRequest =
                    new WsHandshakeRequest(request, requestUri, pathParameters, parameters, headers);
            configurator.modifyHandshake(connectionConfig, handshakeRequest, response);

            // What modifyHandshake left in the response is what the client gets, so it decides
            // the subprotocol, the extensions and (through the per-connection user properties)
            // the session's limits.
            step = "modifyHandshake's response";
            List<String> sentProtocol = out.get(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL);
            String finalSubprotocol = sentProtocol == null || sentProtocol.isEmpty() ? "" : sentProtocol.get(0);
            ExtensionNegotiation inUse = extensions.reconcile(out.get(HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS));
            ServerSettings.Effective limits = container.settings().forEndpoint(connectionConfig.getUserProperties());

            step = "getEndpointInstance";
            Endpoint endpoint = deployed.factory().create(connectionConfig);
            if (endpoint == null) {
                throw new InstantiationException(configurator.getClass().getName()
                        + ".getEndpointInstance returned null");
            }
            PreparedConnection prepared = new PreparedConnection(container, deployed, endpoint, connectionConfig,
                    pathParameters, requestUri, request.getQueryString(),
                    handshakeRequest.getParameterMap(), request.getUserPrincipal(), finalSubprotocol,
                    inUse.negotiated(), inUse.deflate(), limits);
            return HandshakeOutcome.accepted(out, prepared);
        } catch (InstantiationException | RuntimeException e) {
            LOG.log(Level.ERROR, "Handshake for " + deployed + " failed in " + step, e);
            return HandshakeOutcome.refused(HandshakeOutcome.SERVER_ERROR,
                    step + " failed for " + deployed + ": " + e);
        }
    }

    /**
     * The request-level checks of RFC 6455 §4.2.1; null when the request is a valid opening
     * handshake. Checked before any application code runs, so a malformed request never reaches
     * the configurator.
     */
    static HandshakeOutcome validate(String method, Map<String, List<String>> headers) {
        if (!"GET".equals(method)) {
            return bad("The method is " + method + ", an opening handshake must be GET");
        }
        if (!anyContains(headers, UPGRADE, "websocket")) {
            return bad("The Upgrade header " + Headers.all(headers, UPGRADE) + " does not name websocket");
        }
        if (!anyContains(headers, CONNECTION, "upgrade")) {
            return bad("The Connection header " + Headers.all(headers, CONNECTION) + " lacks the upgrade token");
        }
        List<String> versions = Headers.all(headers, HandshakeRequest.SEC_WEBSOCKET_VERSION);
        if (versions.size() != 1 || !VERSION.equals(versions.get(0).trim())) {
            // Missing or not 13: tell the client which version we speak (RFC 6455 §4.2.2 and §4.4).
            int status = versions.isEmpty() ? HandshakeOutcome.BAD_REQUEST : HandshakeOutcome.UPGRADE_REQUIRED;
            return HandshakeOutcome.refused(status, "Unsupported " + HandshakeRequest.SEC_WEBSOCKET_VERSION + " "
                            + versions + ", only 13 is supported",
                    Map.of(HandshakeRequest.SEC_WEBSOCKET_VERSION, List.of(VERSION)));
        }
        String key = Headers.single(headers, HandshakeRequest.SEC_WEBSOCKET_KEY);
        if (key == null || !HandshakeKeys.isValidKey(key)) {
            return bad("The " + HandshakeRequest.SEC_WEBSOCKET_KEY + " header "
                    + Headers.all(headers, HandshakeRequest.SEC_WEBSOCKET_KEY)
                    + " is not one base64-encoded 16-byte value");
        }
        return null;
    }

    private static boolean anyContains(Map<String, List<String>> headers, String name, String token) {
        for (String value : Headers.all(headers, name)) {
            if (HttpTokens.containsToken(value, token)) {
                return true;
            }
        }
        return false;
    }

    private static HandshakeOutcome bad(String reason) {
        return HandshakeOutcome.refused(HandshakeOutcome.BAD_REQUEST, reason);
    }
}
