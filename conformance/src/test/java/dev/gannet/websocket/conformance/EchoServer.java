package dev.gannet.websocket.conformance;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Embedded Jetty serving {@link EchoEndpoint} at {@code /echo} on 127.0.0.1 and a port the
 * system picks. The WebSocket provider is whichever one the test classpath holds: its
 * {@link ServletContainerInitializer} is found through {@link ServiceLoader} and the endpoint
 * is deployed through the standard {@link ServerContainer} context attribute (spec §6.4), so
 * the launcher never names a provider class.
 */
public final class EchoServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EchoServer.class.getName());

    private final Server server;
    private final URI echoUri;
    private final List<String> initializers;

    private EchoServer(Server server, URI echoUri, List<String> initializers) {
        this.server = server;
        this.echoUri = echoUri;
        this.initializers = initializers;
    }

    /**
     * Starts the server.
     *
     * @return the running server
     * @throws Exception if Jetty does not start, no provider is on the classpath, or the
     *     provider refuses the endpoint
     */
    public static EchoServer start() throws Exception {
        // Pool threads live for the whole run so CpuSplit can still read their CPU time at the end.
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("echo-server");
        pool.setIdleTimeout(60 * 60 * 1000);
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        List<String> names = new ArrayList<>();
        for (ServletContainerInitializer sci : ServiceLoader.load(ServletContainerInitializer.class)) {
            context.addServletContainerInitializer(sci);
            names.add(sci.getClass().getName());
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("No jakarta.servlet.ServletContainerInitializer on the test classpath:"
                    + " the conformance module needs a WebSocket provider (Gannet's servlet integration,"
                    + " or Jetty's with -Pautobahn-standin)");
        }
        context.addEventListener(new Deployer());
        server.setHandler(context);
        server.start();

        URI uri = URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/echo");
        LOG.log(System.Logger.Level.INFO, "Echo endpoint at {0} (initializers: {1})", uri, names);
        return new EchoServer(server, uri, List.copyOf(names));
    }

    /** The {@code ws://} address of the echo endpoint. */
    public URI echoUri() {
        return echoUri;
    }

    /** Class names of the servlet container initializers that were registered. */
    public List<String> initializers() {
        return initializers;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Deploys the endpoint once the provider's initializer has published its container. */
    private static final class Deployer implements ServletContextListener {
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
}
