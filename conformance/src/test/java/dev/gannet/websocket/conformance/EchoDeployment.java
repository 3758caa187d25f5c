package dev.gannet.websocket.conformance;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.ServiceLoader;

/**
 * What both embedded containers share: the WebSocket provider's initializers, found through
 * {@link ServiceLoader} so no provider class is named, and a listener that deploys
 * {@link EchoEndpoint} at {@code /echo} through the standard {@link ServerContainer} context
 * attribute (spec §6.4) once the provider has published it.
 */
final class EchoDeployment implements ServletContextListener {

    private EchoDeployment() {
    }

    /** A new listener to register with the context. */
    static ServletContextListener listener() {
        return new EchoDeployment();
    }

    /** The provider's initializers; fails if the classpath holds none. */
    static List<ServletContainerInitializer> initializers() {
        List<ServletContainerInitializer> found = ServiceLoader.load(ServletContainerInitializer.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("No jakarta.servlet.ServletContainerInitializer on the test classpath:"
                    + " the conformance module needs a WebSocket provider (Gannet's servlet integration,"
                    + " or Jetty's with -Pautobahn-standin)");
        }
        return found;
    }

    static List<String> names(List<ServletContainerInitializer> initializers) {
        return initializers.stream().map(sci -> sci.getClass().getName()).toList();
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Object attribute = event.getServletContext().getAttribute(ServerContainer.class.getName());
        if (!(attribute instanceof ServerContainer container)) {
            throw new IllegalStateException("The WebSocket provider published no " + ServerContainer.class.getName()
                    + " context attribute; found " + attribute);
        }
        container.setDefaultMaxTextMessageBufferSize(EchoEndpoint.MAX_MESSAGE_BYTES);
        container.setDefaultMaxBinaryMessageBufferSize(EchoEndpoint.MAX_MESSAGE_BYTES);
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        } catch (DeploymentException e) {
            throw new IllegalStateException("Deploying " + EchoEndpoint.class.getName() + " at /echo failed", e);
        }
    }
}
