package dev.gannet.websocket.demo;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Broadcasts each text message to every session of the same room ({@code /chat/{room}}),
 * sender included. Sends are asynchronous, so one slow member does not hold up the others (the
 * engine bounds each session's outbound queue).
 */
@ServerEndpoint("/chat/{room}")
public class ChatEndpoint {

    @OnMessage
    public void message(String message, Session session, @PathParam("room") String room) {
        for (Session member : session.getOpenSessions()) {
            if (member.isOpen() && room.equals(member.getPathParameters().get("room"))) {
                member.getAsyncRemote().sendText(message, result -> { });
            }
        }
    }
}
