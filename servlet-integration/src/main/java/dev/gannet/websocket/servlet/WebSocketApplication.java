package dev.gannet.websocket.servlet;

import dev.gannet.websocket.server.GannetServerContainer;
import dev.gannet.websocket.server.HandshakeOutcome;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything Gannet keeps for one web application: the server container, the delivery
 * executor, the servlet-only settings and the HTTP-session bookkeeping. It turns a
 * {@link HandshakeOutcome} into the HTTP response (for the upgrade filter and for
 * {@code upgradeHttpToWebSocket} alike) and releases everything at undeploy.
 */
final class WebSocketApplication {

    private static final System.Logger LOG = System.getLogger(WebSocketApplication.class.getName());

    /** The context attribute holding the application's instance. */
    static final String ATTRIBUTE = WebSocketApplication.class.getName();

    private final GannetServerContainer container;
    private final ServletSettings settings;
    private final ExecutorService executor;
    private final HttpSessionSockets httpSessions = new HttpSessionSockets();
    private final ReadBuffers readBuffers;
    // See shareLocal: racy on purpose, any string seen is a correct answer.
    private volatile String lastLocalHost;
    private volatile String lastRemoteHost;

    WebSocketApplication(GannetServerContainer container, ServletSettings settings, ExecutorService executor) {
        this.container = container;
        this.settings = settings;
        this.executor = executor;
        // As many as readers can run at once (one per delivery thread), so a busy server does not
        // allocate per burst; slots cost 4 bytes each until a buffer fills them.
        int keep = Math.min(256, Math.max(8, settings.deliveryThreads()));
        this.readBuffers = new ReadBuffers(settings.readBufferSize(), keep);
    }

    /** The instance of the web application that {@code context} belongs to, or null after undeploy. */
    static WebSocketApplication of(ServletContext context) {
        return (WebSocketApplication) context.getAttribute(ATTRIBUTE);
    }

    GannetServerContainer container() {
        return container;
    }

    HttpSessionSockets httpSessions() {
        return httpSessions;
    }

    /**
     * Sends the outcome: the refusal status with its headers, or the 101 with its headers
     * followed by the switch to {@link GannetUpgradeHandler}, whose transport then opens the
     * session on the delivery executor.
     */
    void respond(HttpServletRequest request, HttpServletResponse response, HandshakeOutcome outcome)
            throws IOException, ServletException {
        if (!outcome.isAccepted()) {
            refuse(request, response, outcome.status(), outcome.failureReason(), outcome.headers());
            return;
        }
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        setHeaders(response, outcome.headers());
        // Captured now: the request object is recycled once the upgrade completes.
        HttpSession httpSession = request.getUserPrincipal() != null ? request.getSession(false) : null;
        UpgradeTarget target = new UpgradeTarget(executor, readBuffers, settings.writeChunkSize(),
                settings.readArming(),
                shareLocal(request.getLocalAddr()), request.getLocalPort(),
                shareRemote(request.getRemoteAddr()), request.getRemotePort(),
                request.isSecure(), transport -> open(outcome, transport, httpSession));
        // The handler looks at the request once more in init, to clear Jetty's async timeout.
        // Only Jetty gets it: Tomcat and the containers built on it (GlassFish, Payara) recycle
        // the request before init and may reuse the object for another connection.
        String serverInfo = request.getServletContext().getServerInfo();
        boolean jetty = serverInfo != null && serverInfo.toLowerCase(Locale.ROOT).contains("jetty");
        request.upgrade(GannetUpgradeHandler.class).prepare(target, jetty ? request : null);
    }

    /**
     * The address text of the previous connection when this one's is equal: each connection
     * keeps its addresses as text, and most share their local address and many their remote
     * host (one client machine, a proxy), so they need not each hold a copy.
     */
    private String shareLocal(String host) {
        String last = lastLocalHost;
        if (host != null && host.equals(last)) {
            return last;
        }
        lastLocalHost = host;
        return host;
    }

    private String shareRemote(String host) {
        String last = lastRemoteHost;
        if (host != null && host.equals(last)) {
            return last;
        }
        lastRemoteHost = host;
        return host;
    }

    private void open(HandshakeOutcome outcome, ServletTransport transport, HttpSession httpSession) {
        Session session;
        try {
            session = outcome.openSession(transport);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not open the WebSocket session", e);
            transport.abort();
            return;
        }
        if (httpSession != null) {
            httpSessions.track(httpSession, session, transport);
        }
    }

    static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String reason,
            Map<String, List<String>> headers) {
        LOG.log(Level.INFO, "WebSocket upgrade of {0} refused with {1}: {2}",
                request.getRequestURI(), status, reason);
        response.setStatus(status);
        setHeaders(response, headers);
        response.setContentLength(0);
    }

    private static void setHeaders(HttpServletResponse response, Map<String, List<String>> headers) {
        headers.forEach((name, values) -> {
            boolean first = true;
            for (String v : values) {
                if (first) {
                    response.setHeader(name, v);
                    first = false;
                } else {
                    response.addHeader(name, v);
                }
            }
        });
    }

    /** Undeploy: sessions closed with 1001 (waiting for their close handshakes), threads ended. */
    void shutdown() {
        container.shutdown();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
