package dev.gannet.websocket.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A broadcast survives members that fail. The failures are the ones a closing session produces
 * (starting the send throws, or the send completes with an error); they cannot be timed on a
 * real connection, so these members are stand-ins answering only what ChatRooms asks.
 */
class ChatRoomsTest {

    /** What one stand-in member received. */
    private static final class Member {
        final List<String> received = new CopyOnWriteArrayList<>();
        final Session session;

        Member(String id, Behaviour behaviour) {
            RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                    ChatRoomsTest.class.getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("sendText") || args.length != 2) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        SendHandler handler = (SendHandler) args[1];
                        if (behaviour == Behaviour.FAILS_LATER) {
                            handler.onResult(new SendResult(new IOException("connection reset")));
                        } else {
                            received.add((String) args[0]);
                            handler.onResult(new SendResult());
                        }
                        return null;
                    });
            session = (Session) Proxy.newProxyInstance(ChatRoomsTest.class.getClassLoader(),
                    new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getId" -> id;
                        case "getAsyncRemote" -> {
                            if (behaviour == Behaviour.CLOSED) {
                                throw new IllegalStateException("Session " + id + " is closed");
                            }
                            yield remote;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> id;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private enum Behaviour { WORKS, CLOSED, FAILS_LATER }

    @Test
    void oneFailingMemberDoesNotStopTheBroadcast() {
        ChatRooms rooms = new ChatRooms();
        Member ann = new Member("ann", Behaviour.WORKS);
        Member closing = new Member("closing", Behaviour.CLOSED);
        Member reset = new Member("reset", Behaviour.FAILS_LATER);
        Member bob = new Member("bob", Behaviour.WORKS);
        Member eve = new Member("eve", Behaviour.WORKS);
        for (Member m : List.of(closing, ann, reset, bob)) {
            rooms.join("blue", m.session);
        }
        rooms.join("red", eve.session);

        assertEquals(3, rooms.broadcast("blue", "hi"), "every member but the closed one got a send");
        assertEquals(List.of("hi"), ann.received);
        assertEquals(List.of("hi"), bob.received);
        assertEquals(List.of(), eve.received, "other rooms are not walked");
    }

    @Test
    void membersLeaveAndAnEmptyRoomIsDropped() {
        ChatRooms rooms = new ChatRooms();
        Member ann = new Member("ann", Behaviour.WORKS);
        Member bob = new Member("bob", Behaviour.WORKS);
        rooms.join("blue", ann.session);
        rooms.join("blue", bob.session);
        rooms.leave("blue", ann.session);
        assertEquals(Set.of(bob.session), rooms.members("blue"));
        assertEquals(1, rooms.broadcast("blue", "x"));
        assertEquals(List.of(), ann.received);
        rooms.leave("blue", bob.session);
        assertTrue(rooms.members("blue").isEmpty());
        assertEquals(0, rooms.broadcast("blue", "y"));
    }
}
