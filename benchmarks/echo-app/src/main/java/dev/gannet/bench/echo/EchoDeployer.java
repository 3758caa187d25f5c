package dev.gannet.bench.echo;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

/**
 * Deploys {@link BenchEchoEndpoint} on whatever provider published the standard
 * {@code jakarta.websocket.server.ServerContainer} context attribute, after setting the same
 * container-wide buffer defaults on every peer. Servlet-based peers register it as a listener.
 */
public final class EchoDeployer implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw new IllegalStateException("no jakarta.websocket.server.ServerContainer attribute: "
                    + "the WebSocket provider did not initialise");
        }
        PeerSupport.configure(container);
        try {
            container.addEndpoint(BenchEchoEndpoint.class);
        } catch (DeploymentException e) {
            throw new IllegalStateException("cannot deploy the echo endpoint", e);
        }
    }
}
