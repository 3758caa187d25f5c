package dev.gannet.websocket.demo;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Broadcasts each text message to every session of the same room ({@code /chat/{room}}),
 * sender included. Sends are asynchronous, so one slow member does not hold up the others (the
 * engine bounds each session's outbound queue), and a member that fails or closes meanwhile is
 * skipped without aborting the broadcast. Each connection gets its own instance (the default),
 * which remembers its room from onOpen, while the session is surely open.
 */
@ServerEndpoint(value = "/chat/{room}", configurator = ChatEndpoint.PerDeployment.class)
public class ChatEndpoint {

    /** The user property under which each connection finds its deployment's {@link ChatRooms}. */
    static final String ROOMS = ChatRooms.class.getName();

    private ChatRooms rooms;
    private String room;

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        this.rooms = (ChatRooms) session.getUserProperties().get(ROOMS);
        this.room = room;
        rooms.join(room, session);
    }

    @OnMessage
    public void message(String message) {
        rooms.broadcast(room, message);
    }

    @OnClose
    public void close(Session session) {
        if (rooms != null) { // null when onOpen never ran to the end
            rooms.leave(room, session);
        }
    }

    /**
     * Gives every connection of one deployment the same {@link ChatRooms}, through the
     * per-connection user properties: the container makes one configurator per deployment, so
     * two servers in one JVM (as in the tests) never share rooms, as a static registry would.
     */
    public static final class PerDeployment extends ServerEndpointConfig.Configurator {
        private final ChatRooms rooms = new ChatRooms();

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            sec.getUserProperties().put(ROOMS, rooms);
        }
    }
}
