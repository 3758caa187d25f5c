package dev.gannet.websocket.servlet;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket sessions opened by authenticated handshakes, by the id of their HTTP session,
 * so that invalidating the HTTP session (logout, timeout) closes them with 1008 as spec §7.2
 * requires. Unauthenticated WebSockets are not tracked: their identity may lapse without
 * consequence.
 */
final class HttpSessionSockets {

    private static final System.Logger LOG = System.getLogger(HttpSessionSockets.class.getName());
    static final String REASON = "The HTTP session ended";

    private final Map<String, Set<Session>> byHttpSession = new ConcurrentHashMap<>();

    /** Tracks {@code socket} until it closes; closes it at once if the HTTP session already ended. */
    void track(HttpSession httpSession, Session socket, ServletTransport transport) {
        String id = httpSession.getId();
        byHttpSession.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(socket);
        transport.onClosed(() -> untrack(id, socket));
        try {
            httpSession.getLastAccessedTime();
        } catch (IllegalStateException invalidated) {
            // Invalidated between the handshake and now: sessionDestroyed has already run.
            destroyed(id);
        }
    }

    private void untrack(String id, Session socket) {
        byHttpSession.computeIfPresent(id, (k, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
    }

    void idChanged(String oldId, String newId) {
        Set<Session> moved = byHttpSession.remove(oldId);
        if (moved != null) {
            byHttpSession.merge(newId, moved, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
    }

    void destroyed(String id) {
        Set<Session> sockets = byHttpSession.remove(id);
        if (sockets == null) {
            return;
        }
        for (Session s : sockets) {
            try {
                s.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, REASON));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Closing WebSocket session " + s.getId() + " failed", e);
            }
        }
    }

    int trackedCount() {
        return byHttpSession.values().stream().mapToInt(Set::size).sum();
    }
}
