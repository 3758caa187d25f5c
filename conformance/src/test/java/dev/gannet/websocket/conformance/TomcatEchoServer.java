package dev.gannet.websocket.conformance;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat (core only) serving {@link EchoEndpoint} at {@code /echo} on 127.0.0.1 and a
 * port the system picks, with the WebSocket provider the test classpath holds (see
 * {@link EchoDeployment}). tomcat-embed-websocket, Tomcat's own provider, is never on the
 * classpath: it would compete with the provider under test.
 */
public final class TomcatEchoServer implements EchoTarget {

    private final Tomcat tomcat;
    private final URI echoUri;
    private final List<String> initializers;

    private TomcatEchoServer(Tomcat tomcat, URI echoUri, List<String> initializers) {
        this.tomcat = tomcat;
        this.echoUri = echoUri;
        this.initializers = initializers;
    }

    /**
     * Starts the server.
     *
     * @param baseDir Tomcat's work directory
     * @throws Exception if Tomcat does not start, no provider is on the classpath, or the
     *     provider refuses the endpoint
     */
    public static TomcatEchoServer start(Path baseDir) throws Exception {
        Path docBase = Files.createDirectories(baseDir.resolve("webapp"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toAbsolutePath().toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", docBase.toAbsolutePath().toString());
        List<ServletContainerInitializer> initializers = EchoDeployment.initializers();
        initializers.forEach(sci -> context.addServletContainerInitializer(sci, null));
        // Registered from an initializer because Tomcat takes listener instances only while starting.
        context.addServletContainerInitializer((classes, servletContext) ->
                servletContext.addListener(EchoDeployment.listener()), null);
        // Tomcat runs filters, and so a filter-based upgrade, only for requests mapped to a servlet.
        Tomcat.addServlet(context, "default", new DefaultServlet());
        context.addServletMappingDecoded("/", "default");
        tomcat.start();
        if (context.getState() != LifecycleState.STARTED) {
            tomcat.stop();
            tomcat.destroy();
            throw new IllegalStateException("Tomcat did not start the echo application: " + context.getState());
        }
        return new TomcatEchoServer(tomcat, URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/echo"),
                EchoDeployment.names(initializers));
    }

    @Override
    public String description() {
        return "EchoEndpoint in embedded Tomcat via " + initializers;
    }

    @Override
    public URI echoUri() {
        return echoUri;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
