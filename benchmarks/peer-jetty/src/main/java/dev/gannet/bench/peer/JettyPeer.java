package dev.gannet.bench.peer;

import dev.gannet.bench.echo.EchoDeployer;
import dev.gannet.bench.echo.PeerSupport;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12.1's own Jakarta WebSocket implementation (ee11) serving the shared echo endpoint. */
public final class JettyPeer {

    private JettyPeer() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(PeerSupport.port(args));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        context.addEventListener(new EchoDeployer());
        server.setHandler(context);
        server.start();
        PeerSupport.ready("jetty", connector.getLocalPort());
        server.join();
    }
}
