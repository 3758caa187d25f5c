package dev.gannet.websocket.server;

import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.session.SessionConfig;
import dev.gannet.websocket.session.SessionSettings;
import dev.gannet.websocket.session.WsSession;
import dev.gannet.websocket.transport.Transport;

import jakarta.websocket.server.ServerEndpointConfig;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds and starts the {@link WsSession} of an accepted handshake. The session joins its
 * endpoint's group before onOpen runs (so {@code getOpenSessions()} in onOpen includes it) and
 * leaves it through its close listener.
 */
final class SessionLauncher {

    private SessionLauncher() {
    }

    static WsSession launch(GannetServerContainer container, PreparedConnection p, Transport transport,
                            Executor executor, OpenSessions registry) {
        ServerEndpointConfig key = p.deployed().config();
        // Set once the session exists: its open-sessions view is needed only after start().
        AtomicReference<OpenSessions.Group> group = new AtomicReference<>();
        WsSession session;
        try {
            session = new WsSession(SessionConfig.builder()
                    .role(Role.SERVER)
                    .transport(transport)
                    .endpoint(p.endpoint())
                    .endpointConfig(p.config())
                    .container(container)
                    .requestUri(p.requestUri())
                    .queryString(p.queryString())
                    .parameterMap(p.parameterMap())
                    .pathParameters(p.pathParameters())
                    .userPrincipal(p.principal())
                    .subprotocol(p.subprotocol())
                    .extensions(p.extensions())
                    .deflate(p.deflate())
                    .settings(sessionSettings(p.settings()))
                    .executor(executor)
                    .openSessions(() -> group.get().snapshot())
                    .closeListener(closed -> registry.leave(key, closed))
                    // The per-connection copy modifyHandshake saw becomes the session's (spec §3.1.5).
                    .userProperties(p.config().getUserProperties())
                    .build());
        } catch (RuntimeException e) {
            // The 101 is already sent, but without a session nobody can speak on this connection.
            transport.abort();
            throw e;
        }
        group.set(registry.join(key, session));
        session.start();
        return session;
    }

    /** The thread pool a container owns when none is given: cached daemon threads that expire when idle. */
    static ExecutorService newPool() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "gannet-server-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static SessionSettings sessionSettings(ServerSettings.Effective s) {
        return SessionSettings.defaults()
                .withMaxIdleTimeoutMs(Math.max(0L, s.idleTimeout()))
                .withMaxTextMessageBufferSize(s.maxTextMessageBufferSize())
                .withMaxBinaryMessageBufferSize(s.maxBinaryMessageBufferSize())
                .withSendTimeoutMs(s.asyncSendTimeout())
                .withOutboundQueueBytes(s.maxOutboundQueueBytes())
                .withCloseTimeoutMs(s.closeTimeout());
    }
}
