package dev.gannet.websocket.server;

import dev.gannet.websocket.transport.Transport;
import jakarta.websocket.Session;

import java.util.concurrent.Executor;

/** Placeholder until the session stream's WsSession is merged. */
final class SessionLauncher {

    private SessionLauncher() {
    }

    static Session launch(GannetServerContainer container, PreparedConnection p, Transport transport,
                          Executor executor, OpenSessions.Group group) {
        throw new UnsupportedOperationException("WsSession not merged yet");
    }
}
