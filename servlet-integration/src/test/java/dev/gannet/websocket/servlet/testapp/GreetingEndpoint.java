package dev.gannet.websocket.servlet.testapp;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A programmatic endpoint: greets with its path parameters and its request facts on open.
 * Deployed three ways: by {@link TestApplicationConfig}, by {@link EndpointAddingListener},
 * and through {@code upgradeHttpToWebSocket} by {@link ManualUpgradeServlet}.
 */
public class GreetingEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        try {
            session.getBasicRemote().sendText("hello " + session.getPathParameters()
                    + " user=" + (session.getUserPrincipal() == null ? null : session.getUserPrincipal().getName())
                    + " query=" + session.getQueryString()
                    + " uri=" + session.getRequestURI());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
