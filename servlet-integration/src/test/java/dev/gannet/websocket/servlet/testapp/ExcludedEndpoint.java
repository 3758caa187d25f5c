package dev.gannet.websocket.servlet.testapp;

import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/** Scanned but left out by {@link TestApplicationConfig}: its path must answer 404. */
@ServerEndpoint("/excluded")
public class ExcludedEndpoint {
    @OnOpen
    public void open() {
    }
}
