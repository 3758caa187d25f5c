package dev.gannet.websocket.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.WebResourceRoot;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.DirResourceSet;
import org.apache.catalina.webresources.StandardRoot;
import org.apache.tomcat.util.scan.StandardJarScanner;

/** Embedded Tomcat 11, core only (never tomcat-embed-websocket, a competing provider). */
final class TomcatContainer implements EmbeddedContainer {

    private final Tomcat tomcat;
    private final int port;
    private final String contextPath;
    private final Context context;

    private TomcatContainer(Tomcat tomcat, Context context, int port, String contextPath) {
        this.tomcat = tomcat;
        this.context = context;
        this.port = port;
        this.contextPath = contextPath;
    }

    static EmbeddedContainer start(WebApp app) throws Exception {
        return start(app, -1);
    }

    /** With the connector's {@code connectionTimeout} set (Tomcat's default is 60 s; negative: default). */
    static EmbeddedContainer start(WebApp app, long connectionTimeoutMillis) throws Exception {
        Path base = Files.createTempDirectory("gannet-tomcat");
        Path docBase = Files.createDirectories(base.resolve("webapp"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        if (connectionTimeoutMillis >= 0) {
            connector.setProperty("connectionTimeout", Long.toString(connectionTimeoutMillis));
        }
        // Tomcat answers 400 itself to these by default; clients do send them (RequestUriTest).
        connector.setProperty("relaxedPathChars", "\"<>[\\]^`{|}");
        connector.setProperty("relaxedQueryChars", "\"<>[\\]^`{|}");
        tomcat.setConnector(connector);
        Context context;
        if (app.discover()) {
            // ContextConfig runs: Gannet's initializer is found through META-INF/services and
            // @HandlesTypes / @WebListener are scanned in test-classes, mounted as WEB-INF/classes.
            tomcat.setAddDefaultWebXmlToWebapp(false);
            context = tomcat.addWebapp(app.contextPath(), docBase.toString());
            WebResourceRoot resources = new StandardRoot(context);
            resources.addPreResources(new DirResourceSet(resources, "/WEB-INF/classes",
                    EmbeddedContainer.webAppClasses().toAbsolutePath().toString(), "/"));
            context.setResources(resources);
            ((StandardContext) context).setDelegate(true); // same classes as the test itself
            StandardJarScanner scanner = new StandardJarScanner();
            scanner.setScanClassPath(false);
            context.setJarScanner(scanner);
        } else {
            context = tomcat.addContext(app.contextPath(), docBase.toString());
            for (ServletContainerInitializer sci : app.initializers()) {
                context.addServletContainerInitializer(sci, app.handlesTypes().isEmpty() ? null : app.handlesTypes());
            }
        }
        addDefaultServlet(context);
        app.initParameters().forEach(context::addParameter);
        tomcat.start();
        if (context.getState() != LifecycleState.STARTED) {
            tomcat.stop();
            tomcat.destroy();
            throw new IllegalStateException("Tomcat web application did not start: " + context.getState());
        }
        return new TomcatContainer(tomcat, context, connector.getLocalPort(), app.contextPath());
    }

    /** Tomcat runs filters only for requests mapped to a servlet; real deployments have one at "/". */
    private static void addDefaultServlet(Context context) {
        if (context.findChild("default") == null) {
            Tomcat.addServlet(context, "default", new DefaultServlet());
            context.addServletMappingDecoded("/", "default");
        }
    }

    @Override
    public String name() {
        return "tomcat";
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
        addDefaultServlet(context); // ContextConfig removed it at stop, as it removes all it configured
        context.start();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Override
    public String toString() {
        return name();
    }
}
