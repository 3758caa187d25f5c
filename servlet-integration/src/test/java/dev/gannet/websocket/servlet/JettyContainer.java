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

    private JettyContainer(Server server, int port, String contextPath) {
        this.server = server;
        this.port = port;
        this.contextPath = contextPath;
    }

    static EmbeddedContainer start(WebApp app) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server,
                new UpgradeFriendlyHttpConnectionFactory(new HttpConfiguration()));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context;
        if (app.discover()) {
            WebAppContext webapp = new WebAppContext();
            Path root = Files.createTempDirectory("gannet-jetty");
            webapp.setBaseResourceAsPath(root);
            // Same classes as the test itself, and test-classes scanned as if WEB-INF/classes.
            webapp.setParentLoaderPriority(true);
            webapp.setExtraClasspath(EmbeddedContainer.testClasses().toAbsolutePath().toString());
            webapp.setThrowUnavailableOnStartupException(true);
            context = webapp;
        } else {
            context = new ServletContextHandler();
            for (ServletContainerInitializer sci : app.initializers()) {
                context.addServletContainerInitializer(sci);
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
        return new JettyContainer(server, connector.getLocalPort(), app.contextPath());
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
    public void close() throws Exception {
        server.stop();
    }

    @Override
    public String toString() {
        return name();
    }
}
