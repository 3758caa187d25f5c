package dev.gannet.websocket.servlet;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;

/**
 * The {@link HttpUpgradeHandler} the container instantiates for every accepted WebSocket
 * handshake ({@code HttpServletRequest.upgrade(GannetUpgradeHandler.class)}). It must be public
 * with a public no-argument constructor because the container creates it; Gannet then hands it
 * its {@link UpgradeTarget} before the container calls {@link #init}. Applications never use
 * this class directly.
 */
public final class GannetUpgradeHandler implements HttpUpgradeHandler {

    private static final System.Logger LOG = System.getLogger(GannetUpgradeHandler.class.getName());

    private volatile UpgradeTarget target;
    private volatile ServletTransport transport;

    /** Called by the container. */
    public GannetUpgradeHandler() {
    }

    void prepare(UpgradeTarget target) {
        this.target = target;
    }

    @Override
    public void init(WebConnection connection) {
        UpgradeTarget t = target;
        // The container keeps this handler as long as the connection lives; the target (and the
        // handshake outcome its opener holds) is needed only until the session opens.
        target = null;
        if (t == null) {
            LOG.log(Level.ERROR, "Upgraded connection without a WebSocket target; closing it");
            closeQuietly(connection);
            return;
        }
        try {
            ServletTransport tr = new ServletTransport(connection, t.executor(), t);
            transport = tr;
            tr.start();
            // onOpen may block (a blocking send): never run it on the container's thread.
            t.executor().execute(() -> t.opener().accept(tr));
        } catch (IOException | RejectedExecutionException e) {
            LOG.log(Level.WARNING, "Could not start the WebSocket connection", e);
            closeQuietly(connection);
        }
    }

    @Override
    public void destroy() {
        ServletTransport tr = transport;
        if (tr != null) {
            tr.destroyed();
        }
    }

    private static void closeQuietly(WebConnection connection) {
        try {
            connection.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Closing an upgraded connection failed", e);
        }
    }
}
