package dev.gannet.bench.echo;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The one echo endpoint that every peer of the comparison deploys unchanged: whole text and
 * binary messages sent back with the blocking remote, the most common shape in applications.
 * Message size limits come from each container's defaults, never from {@code maxMessageSize}
 * (Tomcat preallocates that per session, which would distort the idle-connection figures).
 */
@ServerEndpoint("/echo")
public class BenchEchoEndpoint {

    @OnMessage
    public void onText(String message, Session session) throws IOException {
        session.getBasicRemote().sendText(message);
    }

    @OnMessage
    public void onBinary(ByteBuffer message, Session session) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
