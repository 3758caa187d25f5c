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
 * endpoint's onOpen runs and leaves it through its close listener; an empty group is dropped,
 * so neither closed sessions nor the configurations of one-off upgrades
 * ({@code upgradeHttpToWebSocket}) are retained here.
 */
final class OpenSessions {

    /** The sessions of one endpoint. */
    static final class Group {
        private final Set<Session> members = ConcurrentHashMap.newKeySet();

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

    // Keyed by the deployed configuration object (DefaultServerEndpointConfig has identity
    // equality). Joining and leaving go through compute() so that a group is never dropped
    // while a session is joining it.
    private final Map<ServerEndpointConfig, Group> groups = new ConcurrentHashMap<>();

    /** Adds {@code session} to the group of {@code config} and returns the group. */
    Group join(ServerEndpointConfig config, Session session) {
        return groups.compute(config, (k, g) -> {
            Group group = g == null ? new Group() : g;
            group.members.add(session);
            return group;
        });
    }

    /** Removes {@code session}; drops the group when it was the last one. */
    void leave(ServerEndpointConfig config, Session session) {
        groups.computeIfPresent(config, (k, g) -> {
            g.members.remove(session);
            return g.members.isEmpty() ? null : g;
        });
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

    /** Waits until every session has left (their close listeners ran) or the time is up. */
    boolean awaitEmpty(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!groups.isEmpty()) {
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
