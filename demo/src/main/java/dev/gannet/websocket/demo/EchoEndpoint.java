package dev.gannet.websocket.demo;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Returns every text and binary message unchanged. A public contract: conformance suites and
 * benchmarks point at {@code ws://host:8080/echo}. Messages up to 32 MiB (the demo's container
 * limits); permessage-deflate is negotiated when the client offers it.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnMessage
    public void text(String message, Session session) throws IOException {
        session.getBasicRemote().sendText(message);
    }

    @OnMessage
    public void binary(ByteBuffer message, Session session) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
