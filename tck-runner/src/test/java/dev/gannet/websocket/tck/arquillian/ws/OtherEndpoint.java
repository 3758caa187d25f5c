package dev.gannet.websocket.tck.arquillian.ws;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A valid endpoint packaged beside an invalid pair: after the deployment error it must not be
 * reachable either (spec 5.2.1: the whole application is not deployed).
 */
@ServerEndpoint("/other")
public final class OtherEndpoint {

    @OnMessage
    public String echo(String message) {
        return "other:" + message;
    }
}
