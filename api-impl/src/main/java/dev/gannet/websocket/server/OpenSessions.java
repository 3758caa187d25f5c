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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

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
    // Only shutdown waits, so leave() signals only when the last group went away.
    private final Lock emptyLock = new ReentrantLock();
    private final Condition emptied = emptyLock.newCondition();

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
        if (groups.isEmpty()) {
            // Taking the lock after the removal is what makes the signal impossible to miss: a
            // waiter checks for emptiness and starts waiting while holding it.
            emptyLock.lock();
            try {
                emptied.signalAll();
            } finally {
                emptyLock.unlock();
            }
        }
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
        long remaining = TimeUnit.MILLISECONDS.toNanos(millis);
        emptyLock.lock();
        try {
            while (!groups.isEmpty()) {
                if (remaining <= 0L) {
                    return false;
                }
                remaining = emptied.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            emptyLock.unlock();
        }
    }
}
