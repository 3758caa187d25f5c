package dev.gannet.websocket.server;

import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The live sessions of a container, grouped by the endpoint configuration they serve, for
 * {@code Session.getOpenSessions()} and for shutdown. A session joins its group before its
 * endpoint's onOpen runs and leaves it through its close listener, so a closed session is never
 * retained here.
 */
final class OpenSessions {

    /** The sessions of one endpoint. */
    static final class Group {
        private final Set<Session> members = ConcurrentHashMap.newKeySet();

        void add(Session s) {
            members.add(s);
        }

        void remove(Session s) {
            members.remove(s);
        }

        /** A copy of the members that are still open. */
        Set<Session> snapshot() {
            Set<Session> out = new HashSet<>();
            for (Session s : members) {
                if (s.isOpen()) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    // Keyed by the deployed configuration object; DefaultServerEndpointConfig has identity equality.
    private final Map<ServerEndpointConfig, Group> groups = new ConcurrentHashMap<>();

    Group groupOf(ServerEndpointConfig config) {
        return groups.computeIfAbsent(config, k -> new Group());
    }

    /** The open sessions of one endpoint; empty when it has none. */
    Set<Session> of(ServerEndpointConfig config) {
        Group g = groups.get(config);
        return g == null ? Set.of() : g.snapshot();
    }

    /** Every registered session, open or closing. */
    List<Session> all() {
        List<Session> out = new ArrayList<>();
        for (Group g : groups.values()) {
            out.addAll(g.members);
        }
        return out;
    }

    boolean isEmpty() {
        for (Group g : groups.values()) {
            if (!g.members.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Waits until every session has left (their close listeners ran) or the time is up. */
    boolean awaitEmpty(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!isEmpty()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
