package dev.gannet.websocket.server;

import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.session.SessionConfig;
import dev.gannet.websocket.session.SessionSettings;
import dev.gannet.websocket.session.WsSession;
import dev.gannet.websocket.transport.Transport;

import java.util.concurrent.Executor;

/**
 * Builds and starts the {@link WsSession} of an accepted handshake. The session joins its
 * endpoint's group before onOpen runs (so {@code getOpenSessions()} in onOpen includes it) and
 * leaves it through its close listener.
 */
final class SessionLauncher {

    private SessionLauncher() {
    }

    static WsSession launch(GannetServerContainer container, PreparedConnection p, Transport transport,
                            Executor executor, OpenSessions.Group group) {
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
                    .openSessions(group::snapshot)
                    .closeListener(group::remove)
                    // The per-connection copy modifyHandshake saw becomes the session's (spec §3.1.5).
                    .userProperties(p.config().getUserProperties())
                    .build());
        } catch (RuntimeException e) {
            // The 101 is already sent, but without a session nobody can speak on this connection.
            transport.abort();
            throw e;
        }
        group.add(session);
        session.start();
        return session;
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
