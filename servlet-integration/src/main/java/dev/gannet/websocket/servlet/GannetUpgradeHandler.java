package dev.gannet.websocket.servlet;

import jakarta.servlet.http.HttpServletRequest;
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
    private volatile HttpServletRequest request;
    private volatile ServletTransport transport;

    /** Called by the container. */
    public GannetUpgradeHandler() {
    }

    /** {@code request}: the upgraded request if it is still valid in {@code init}, else null. */
    void prepare(UpgradeTarget target, HttpServletRequest request) {
        this.target = target;
        this.request = request;
    }

    @Override
    public void init(WebConnection connection) {
        UpgradeTarget t = target;
        HttpServletRequest r = request;
        // The container keeps this handler as long as the connection lives; the target (and the
        // handshake outcome its opener holds) is needed only until the session opens.
        target = null;
        request = null;
        disableAsyncTimeout(r);
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

    /**
     * Jetty 12.1 (ee11) implements the upgrade with an internal {@code startAsync} and leaves the
     * async timeout at its default (30 s): when that fires, Jetty completes the request and
     * destroys this handler, ending a live WebSocket, idle or busy, with a bare TCP close. Called
     * from {@code init}, which Jetty runs inside the dispatch, before it schedules that timeout.
     * Containers that do not use async for upgrades report no async started; one that refuses
     * the call only loses this guard, so it is logged and the upgrade goes on.
     */
    private static void disableAsyncTimeout(HttpServletRequest r) {
        if (r == null) {
            return;
        }
        try {
            if (r.isAsyncStarted()) {
                r.getAsyncContext().setTimeout(0);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not clear the async timeout of an upgraded request", e);
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
