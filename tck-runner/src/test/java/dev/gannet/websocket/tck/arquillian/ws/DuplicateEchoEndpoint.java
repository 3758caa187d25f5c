package dev.gannet.websocket.tck.arquillian.ws;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Claims the path of {@link EchoEndpoint}: an application holding both must fail to deploy (spec 3.1.1). */
@ServerEndpoint("/echo")
public final class DuplicateEchoEndpoint {

    @OnMessage
    public String echo(String message) {
        return "duplicate:" + message;
    }
}
