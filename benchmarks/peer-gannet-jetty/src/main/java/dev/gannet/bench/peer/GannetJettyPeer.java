package dev.gannet.bench.peer;

import dev.gannet.bench.echo.EchoDeployer;
import dev.gannet.bench.echo.PeerSupport;
import dev.gannet.websocket.servlet.GannetServletContainerInitializer;
import dev.gannet.websocket.servlet.jetty.UpgradeFriendlyHttpConnectionFactory;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Gannet on embedded Jetty 12.1 (ee11), installed through its ServletContainerInitializer. */
public final class GannetJettyPeer {

    private GannetJettyPeer() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server,
                new UpgradeFriendlyHttpConnectionFactory(new HttpConfiguration()));
        connector.setHost("127.0.0.1");
        connector.setPort(PeerSupport.port(args));
        connector.setIdleTimeout(PeerSupport.IDLE_TIMEOUT_MILLIS);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServletContainerInitializer(new GannetServletContainerInitializer());
        context.addEventListener(new EchoDeployer());
        server.setHandler(context);
        server.start();
        PeerSupport.ready("gannet-jetty", connector.getLocalPort());
        server.join();
    }
}
