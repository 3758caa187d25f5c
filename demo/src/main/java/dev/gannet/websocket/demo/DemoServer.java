package dev.gannet.websocket.demo;

import dev.gannet.websocket.server.ConfigKeys;
import dev.gannet.websocket.server.GannetServerContainer;
import dev.gannet.websocket.servlet.GannetServletContainerInitializer;
import dev.gannet.websocket.servlet.jetty.UpgradeFriendlyHttpConnectionFactory;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The demo server: embedded Jetty 12.1 (ee11) with Gannet installed through its
 * {@code ServletContainerInitializer}, serving {@code /echo}, {@code /chat/{room}} and a chat
 * page at {@code /}. Usage: {@code DemoServer [--port N] [--host H]} (port 8080, all interfaces
 * by default). Ctrl-C closes every WebSocket with 1001 and stops.
 */
public final class DemoServer {

    static final int MAX_MESSAGE = 32 << 20;

    private final Server server;
    private final ServerConnector connector;
    private final ServletContextHandler context;

    private DemoServer(String host, int port) {
        server = new Server();
        connector = new ServerConnector(server, new UpgradeFriendlyHttpConnectionFactory(new HttpConfiguration()));
        connector.setHost(host);
        connector.setPort(port);
        // Gannet's own idle timeout (none by default) governs WebSockets, not Jetty's 30 s.
        connector.setIdleTimeout(24L * 60 * 60 * 1000);
        server.addConnector(connector);

        context = new ServletContextHandler();
        context.setContextPath("/");
        context.setInitParameter(ConfigKeys.MAX_TEXT_MESSAGE_BUFFER_SIZE, String.valueOf(MAX_MESSAGE));
        context.setInitParameter(ConfigKeys.MAX_BINARY_MESSAGE_BUFFER_SIZE, String.valueOf(MAX_MESSAGE));
        context.setInitParameter(ConfigKeys.MAX_OUTBOUND_QUEUE_BYTES, String.valueOf(2L * MAX_MESSAGE));
        // What a container's annotation scan would hand the initializer.
        context.addServletContainerInitializer(new GannetServletContainerInitializer(),
                EchoEndpoint.class, ChatEndpoint.class);
        context.addServlet(new IndexServlet(), "/");
        server.setHandler(context);
        server.setStopTimeout(10_000);
    }

    /** Starts a demo server; port 0 picks a free port. */
    static DemoServer start(String host, int port) throws Exception {
        DemoServer demo = new DemoServer(host, port);
        demo.server.start();
        return demo;
    }

    int port() {
        return connector.getLocalPort();
    }

    /**
     * Closes every WebSocket with 1001, then stops Jetty. The sessions go first because Jetty
     * stops its connectors (dropping upgraded connections) before it undeploys the context.
     */
    void stop() throws Exception {
        Object container = context.getServletContext()
                .getAttribute(GannetServletContainerInitializer.SERVER_CONTAINER_ATTRIBUTE);
        if (container instanceof GannetServerContainer gannet) {
            gannet.shutdown();
        }
        server.stop();
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        String host = "0.0.0.0";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "-h", "--help" -> {
                    System.out.println("Usage: DemoServer [--port N] [--host H]");
                    return;
                }
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + " (try --help)");
            }
        }
        DemoServer demo = start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                demo.stop();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "gannet-demo-shutdown"));
        String base = "localhost:" + demo.port();
        System.out.println("Gannet demo ready: http://" + base + "/  (echo: ws://" + base + "/echo, chat: ws://"
                + base + "/chat/{room}) - Ctrl-C to stop");
        stopped.await();
    }
}
