package dev.gannet.websocket.servlet.testapp;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reports what the configurator saw in the HandshakeRequest: a header looked up in another
 * case, the parameter map, the query string, the request URI, the principal, a role, and the
 * HTTP session id; and the container's idle timeout (set by an init parameter).
 */
@ServerEndpoint(value = "/info", configurator = HandshakeInfoEndpoint.Capture.class)
public class HandshakeInfoEndpoint {

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        session.getBasicRemote().sendText(config.getUserProperties().get("info")
                + " idle=" + session.getContainer().getDefaultMaxSessionIdleTimeout()
                + " textMax=" + session.getMaxTextMessageBufferSize());
    }

    /** Copies the handshake facts into the per-connection user properties. */
    public static class Capture extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            Map<String, List<String>> headers = request.getHeaders();
            HttpSession http = (HttpSession) request.getHttpSession();
            sec.getUserProperties().put("info", "x-probe=" + headers.get("X-PROBE")
                    + " params=" + request.getParameterMap()
                    + " query=" + request.getQueryString()
                    + " uri=" + request.getRequestURI()
                    + " user=" + (request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName())
                    + " admin=" + request.isUserInRole("admin")
                    + " http=" + (http == null ? null : http.getId()));
        }
    }
}
