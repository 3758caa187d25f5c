package dev.gannet.websocket.tck.arquillian;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.ee11.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Arquillian adapter that deploys web archives into an embedded Jetty 12 server as ee11 web
 * applications with annotation scanning, so that servlet container initializers on the server's
 * class path (Gannet's) see the classes in {@code WEB-INF/classes} and {@code WEB-INF/lib}. A web
 * application that fails to start is logged and removed instead of failing the Arquillian
 * deployment: its URL then answers 404, which is what negative-deployment tests check.
 */
public final class JettyEmbeddedContainer implements DeployableContainer<EmbeddedContainerConfiguration> {

    private static final Logger LOG = System.getLogger(JettyEmbeddedContainer.class.getName());

    private final WarStaging staging = new WarStaging();
    private final Map<String, Deployed> deployments = new ConcurrentHashMap<>();
    private EmbeddedContainerConfiguration configuration = new EmbeddedContainerConfiguration();
    private Server server;
    private ServerConnector connector;
    private ContextHandlerCollection contexts;

    private record Deployed(WebAppContext webapp, Path folder) {
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
            staging.open("gannet-jetty-");
            server = new Server();
            connector = new ServerConnector(server, JettyConnectionFactories.create(
                    configuration.getHttpConnectionFactory(), new HttpConfiguration()));
            connector.setHost(configuration.getBindAddress());
            connector.setPort(configuration.getPort());
            server.addConnector(connector);
            contexts = new ContextHandlerCollection();
            server.setHandler(contexts);
            server.start();
            LOG.log(Level.INFO, "Embedded Jetty listening on {0}:{1,number,#}",
                    configuration.getBindAddress(), connector.getLocalPort());
        } catch (Exception e) {
            throw new LifecycleException("Cannot start embedded Jetty", e);
        }
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            for (String name : deployments.keySet()) {
                remove(name);
            }
            if (server != null) {
                server.stop();
            }
        } catch (Exception e) {
            throw new LifecycleException("Cannot stop embedded Jetty", e);
        } finally {
            staging.close();
        }
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        Path folder = staging.explode(archive);
        String contextPath = WarStaging.contextPath(archive.getName());
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(contextPath.isEmpty() ? "/" : contextPath);
        webapp.setWar(folder.toString());
        webapp.setServer(server);
        // Annotation scanning is what feeds @HandlesTypes of the initializers found on the server class path.
        webapp.addConfiguration(new AnnotationConfiguration());
        // Make a failed start visible here rather than leaving an unavailable context that answers 503.
        webapp.setThrowUnavailableOnStartupException(true);
        try {
            webapp.start();
            contexts.addHandler(webapp);
            deployments.put(archive.getName(), new Deployed(webapp, folder));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Deployment of " + archive.getName() + " failed; "
                    + contextPath + " will answer 404", e);
            stopQuietly(webapp);
            WarStaging.delete(folder);
        }
        return DeploymentUrls.of(configuration.getBindAddress(), connector.getLocalPort(), contextPath);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        try {
            remove(archive.getName());
        } catch (Exception e) {
            throw new DeploymentException("Cannot undeploy " + archive.getName(), e);
        }
    }

    private void remove(String archiveName) throws Exception {
        Deployed deployed = deployments.remove(archiveName);
        if (deployed == null) {
            return; // never started: nothing is mapped
        }
        contexts.removeHandler(deployed.webapp());
        deployed.webapp().stop();
        WarStaging.delete(deployed.folder());
    }

    private static void stopQuietly(WebAppContext webapp) {
        try {
            webapp.stop();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Stopping a failed web application failed too", e);
        }
    }
}
