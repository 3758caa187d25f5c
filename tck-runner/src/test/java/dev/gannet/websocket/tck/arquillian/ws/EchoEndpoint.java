package dev.gannet.websocket.tck.arquillian.ws;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Answers every text message with the same text, prefixed so a reply cannot be mistaken for an echo by accident. */
@ServerEndpoint("/echo")
public final class EchoEndpoint {

    @OnMessage
    public String echo(String message) {
        return "echo:" + message;
    }
}
