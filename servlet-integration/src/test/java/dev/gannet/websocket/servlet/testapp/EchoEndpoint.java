package dev.gannet.websocket.servlet.testapp;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Echoes every message with a blocking send made inside onMessage (the case that deadlocks when
 * writes cannot progress while a delivery is running). "close:NNNN" makes the server close with
 * that code instead.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnOpen
    public void open(Session session) {
        LiveContainers.saw(session.getContainer()); // lets LifecycleTest see undeployed applications go
    }

    @OnMessage
    public void text(String message, Session session) throws IOException {
        if (message.startsWith("close:")) {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(message.substring(6))),
                    "asked to"));
            return;
        }
        session.getBasicRemote().sendText(message);
    }

    @OnMessage
    public void binary(ByteBuffer message, Session session) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
