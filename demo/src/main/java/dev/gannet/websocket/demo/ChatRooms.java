package dev.gannet.websocket.demo;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The members of each chat room of one deployment. Members join in onOpen and leave in onClose,
 * so a broadcast walks only its own room, without copying the container's whole session set.
 */
final class ChatRooms {

    private static final System.Logger LOG = System.getLogger(ChatRooms.class.getName());

    private final ConcurrentMap<String, Set<Session>> rooms = new ConcurrentHashMap<>();

    void join(String room, Session member) {
        // compute() so that a room emptied by a concurrent leave is never reused after its removal.
        rooms.compute(room, (name, members) -> {
            Set<Session> m = members == null ? ConcurrentHashMap.newKeySet() : members;
            m.add(member);
            return m;
        });
    }

    void leave(String room, Session member) {
        rooms.computeIfPresent(room, (name, members) -> {
            members.remove(member);
            return members.isEmpty() ? null : members;
        });
    }

    /** The members of {@code room} now (a copy, for tests and diagnostics). */
    Set<Session> members(String room) {
        Set<Session> m = rooms.get(room);
        return m == null ? Set.of() : Set.copyOf(m);
    }

    /**
     * Sends {@code message} asynchronously to every member of {@code room}, sender included, and
     * returns how many sends were started. One member's failure never stops the others: a member
     * may be closing while we walk the room (its onClose has not removed it yet), and then
     * starting the send throws; a send that fails later is reported to its handler.
     */
    int broadcast(String room, String message) {
        Set<Session> members = rooms.get(room);
        if (members == null) {
            return 0;
        }
        int started = 0;
        // The set's iterator is weakly consistent: joins and leaves during the walk are safe.
        for (Session member : members) {
            try {
                member.getAsyncRemote().sendText(message, result -> logFailure(room, member, result));
                started++;
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "Chat room {0}: not sent to session {1}: {2}", room, member.getId(), e.toString());
            }
        }
        return started;
    }

    private static void logFailure(String room, Session member, SendResult result) {
        if (!result.isOK()) {
            LOG.log(Level.INFO, "Chat room {0}: sending to session {1} failed: {2}", room, member.getId(),
                    String.valueOf(result.getException()));
        }
    }
}
