package dev.gannet.websocket.tck.arquillian;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.catalina.Host;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Arquillian adapter that deploys web archives into an embedded Tomcat (tomcat-embed-core only, so
 * that Gannet is the only WebSocket implementation present). Each archive becomes a context with
 * Tomcat's own web.xml and annotation processing, so servlet container initializers on the server's
 * class path (Gannet's) see the classes of {@code WEB-INF/classes} and {@code WEB-INF/lib}. A context
 * that fails to start is logged and removed instead of failing the Arquillian deployment: its URL
 * then answers 404, which is what negative-deployment tests check.
 */
public final class TomcatEmbeddedContainer implements DeployableContainer<EmbeddedContainerConfiguration> {

    private static final Logger LOG = System.getLogger(TomcatEmbeddedContainer.class.getName());

    private final WarStaging staging = new WarStaging();
    private final Map<String, Deployed> deployments = new ConcurrentHashMap<>();
    private EmbeddedContainerConfiguration configuration = new EmbeddedContainerConfiguration();
    private Tomcat tomcat;

    private record Deployed(StandardContext context, Path folder) {
    }

    @Override
    public Class<EmbeddedContainerConfiguration> getConfigurationClass() {
        return EmbeddedContainerConfiguration.class;
    }

    @Override
    public void setup(EmbeddedContainerConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        // Every deployment the TCK makes is testable=false: the tests run in the client JVM.
        return new ProtocolDescription("Local");
    }

    @Override
    public void start() throws LifecycleException {
        try {
            staging.open("gannet-tomcat-");
            Path base = staging.root().resolve("tomcat");
            // The host logs a warning at start when its (unused) application folder is missing.
            Files.createDirectories(base.resolve("webapps"));
            tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            Connector connector = new Connector();
            connector.setPort(configuration.getPort());
            connector.setProperty("address", configuration.getBindAddress());
            tomcat.setConnector(connector);
            Host host = tomcat.getHost();
            host.setAutoDeploy(false);
            tomcat.start();
            LOG.log(Level.INFO, "Embedded Tomcat listening on {0}:{1,number,#}",
                    configuration.getBindAddress(), connector.getLocalPort());
        } catch (IOException | org.apache.catalina.LifecycleException e) {
            throw new LifecycleException("Cannot start embedded Tomcat", e);
        }
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            for (String name : deployments.keySet()) {
                remove(name);
            }
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
        } catch (org.apache.catalina.LifecycleException e) {
            throw new LifecycleException("Cannot stop embedded Tomcat", e);
        } finally {
            staging.close();
        }
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        Path folder = staging.explode(archive);
        String contextPath = WarStaging.contextPath(archive.getName());
        StandardContext context = newContext(contextPath, folder);
        Host host = tomcat.getHost();
        try {
            host.addChild(context); // starts the context: the host is running
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Start of " + archive.getName() + " threw", e);
        }
        if (context.getState() == LifecycleState.STARTED) {
            deployments.put(archive.getName(), new Deployed(context, folder));
        } else {
            // Tomcat keeps a failed context mapped but stopped; removing it leaves a plain 404 behind.
            LOG.log(Level.WARNING, "Deployment of {0} failed (state {1}); {2} will answer 404",
                    archive.getName(), context.getState(), contextPath);
            host.removeChild(context);
            WarStaging.delete(folder);
        }
        return DeploymentUrls.of(configuration.getBindAddress(), tomcat.getConnector().getLocalPort(), contextPath);
    }

    private StandardContext newContext(String contextPath, Path folder) {
        StandardContext context = new StandardContext();
        context.setName(contextPath);
        context.setPath(contextPath);
        context.setDocBase(folder.toString());
        context.setParentClassLoader(TomcatEmbeddedContainer.class.getClassLoader());
        // Leak detection at undeploy needs --add-opens and only warns about it, once per application.
        context.setClearReferencesThreadLocals(false);
        context.setClearReferencesRmiTargets(false);
        context.addLifecycleListener(new TomcatWebappDefaults());
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(tomcat.noDefaultWebXmlPath());
        context.addLifecycleListener(config);
        // The test JVM's class path holds every TCK class; scanning it would hand the endpoints of all
        // tests to the initializers. Only WEB-INF/classes and WEB-INF/lib belong to the application.
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        scanner.setScanManifest(false);
        context.setJarScanner(scanner);
        return context;
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        try {
            remove(archive.getName());
        } catch (RuntimeException e) {
            throw new DeploymentException("Cannot undeploy " + archive.getName(), e);
        }
    }

    private void remove(String archiveName) {
        Deployed deployed = deployments.remove(archiveName);
        if (deployed == null) {
            return; // never started: already removed
        }
        tomcat.getHost().removeChild(deployed.context()); // stops and destroys it
        WarStaging.delete(deployed.folder());
    }
}
