package dev.gannet.websocket.conformance;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Embedded Jetty serving {@link EchoEndpoint} at {@code /echo} on 127.0.0.1 and a port the
 * system picks. The WebSocket provider is whichever one the test classpath holds (see
 * {@link EchoDeployment}); the stand-in run uses it with Jetty's own provider.
 */
public final class EchoServer implements EchoTarget {

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
        List<ServletContainerInitializer> initializers = EchoDeployment.initializers();
        initializers.forEach(context::addServletContainerInitializer);
        context.addEventListener(EchoDeployment.listener());
        server.setHandler(context);
        server.start();
        return new EchoServer(server, URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/echo"),
                EchoDeployment.names(initializers));
    }

    @Override
    public String description() {
        return "EchoEndpoint in embedded Jetty via " + initializers;
    }

    @Override
    public URI echoUri() {
        return echoUri;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
