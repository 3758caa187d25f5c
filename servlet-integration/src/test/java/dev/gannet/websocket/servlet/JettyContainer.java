package dev.gannet.websocket.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import dev.gannet.websocket.servlet.jetty.UpgradeFriendlyHttpConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12.1, ee11. */
final class JettyContainer implements EmbeddedContainer {

    private final Server server;
    private final int port;
    private final String contextPath;
    private final ServletContextHandler context;

    private JettyContainer(Server server, ServletContextHandler context, int port, String contextPath) {
        this.server = server;
        this.context = context;
        this.port = port;
        this.contextPath = contextPath;
    }

    static EmbeddedContainer start(WebApp app) throws Exception {
        return start(app, true);
    }

    /** With the connector's idle timeout set (Jetty's default is 30 s). */
    static EmbeddedContainer start(WebApp app, long connectorIdleTimeoutMillis) throws Exception {
        return start(app, true, connectorIdleTimeoutMillis);
    }

    /** With Jetty's own connection factory, as a stock Jetty deploying a WAR has. */
    static EmbeddedContainer startStock(WebApp app) throws Exception {
        return start(app, false);
    }

    private static EmbeddedContainer start(WebApp app, boolean upgradeFriendly) throws Exception {
        return start(app, upgradeFriendly, -1);
    }

    private static EmbeddedContainer start(WebApp app, boolean upgradeFriendly, long idleTimeoutMillis)
            throws Exception {
        Server server = new Server();
        ServerConnector connector = upgradeFriendly
                ? new ServerConnector(server, new UpgradeFriendlyHttpConnectionFactory(new HttpConfiguration()))
                : new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        if (idleTimeoutMillis >= 0) {
            connector.setIdleTimeout(idleTimeoutMillis);
        }
        server.addConnector(connector);
        ServletContextHandler context;
        if (app.discover()) {
            WebAppContext webapp = new WebAppContext();
            Path root = Files.createTempDirectory("gannet-jetty");
            webapp.setBaseResourceAsPath(root);
            // Same classes as the test itself, and test-classes scanned as if WEB-INF/classes.
            webapp.setParentLoaderPriority(true);
            webapp.setExtraClasspath(EmbeddedContainer.webAppClasses().toAbsolutePath().toString());
            webapp.setThrowUnavailableOnStartupException(true);
            context = webapp;
        } else {
            context = new ServletContextHandler();
            for (ServletContainerInitializer sci : app.initializers()) {
                context.addServletContainerInitializer(sci, app.handlesTypes().toArray(new Class<?>[0]));
            }
        }
        context.setContextPath(app.contextPath());
        app.initParameters().forEach(context::setInitParameter);
        server.setHandler(context);
        server.start();
        if (context.isFailed() || !context.isStarted()) {
            server.stop();
            Throwable cause = context instanceof WebAppContext w ? w.getUnavailableException() : null;
            throw new IllegalStateException("Jetty web application did not start", cause);
        }
        return new JettyContainer(server, context, connector.getLocalPort(), app.contextPath());
    }

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String contextPath() {
        return contextPath;
    }

    @Override
    public void undeploy() throws Exception {
        context.stop();
    }

    @Override
    public void redeploy() throws Exception {
        context.start();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    @Override
    public String toString() {
        return name();
    }
}
