package dev.gannet.websocket.server;

import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.session.EngineThreads;
import dev.gannet.websocket.session.SessionConfig;
import dev.gannet.websocket.session.SessionSettings;
import dev.gannet.websocket.session.WsSession;
import dev.gannet.websocket.transport.Transport;

import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
        Membership membership = new Membership(registry, key);
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
                    .openSessions(membership)
                    .closeListener(membership)
                    // The per-connection copy modifyHandshake saw becomes the session's (spec §3.1.5).
                    .userProperties(p.config().getUserProperties())
                    .build());
        } catch (RuntimeException e) {
            // The 101 is already sent, but without a session nobody can speak on this connection.
            transport.abort();
            throw e;
        }
        membership.group = registry.join(key, session);
        session.start();
        return session;
    }

    /**
     * A session's place in its endpoint's group: answers {@code getOpenSessions()} and leaves the
     * group when the session ends (one object per session where two callbacks and a holder were).
     */
    private static final class Membership implements Supplier<Set<Session>>, Consumer<WsSession> {
        private final OpenSessions registry;
        private final ServerEndpointConfig key;
        /** Set once the session exists: its open-sessions view is needed only after start(). */
        volatile OpenSessions.Group group;

        Membership(OpenSessions registry, ServerEndpointConfig key) {
            this.registry = registry;
            this.key = key;
        }

        @Override
        public Set<Session> get() {
            return group.snapshot();
        }

        @Override
        public void accept(WsSession closed) {
            registry.leave(key, closed);
        }
    }

    /** The thread pool a container owns when none is given: cached daemon threads that expire when idle. */
    static ExecutorService newPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), EngineThreads.factory("gannet-server-"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The last conversion: sessions of one endpoint share the same (immutable) settings. */
    private record Converted(ServerSettings.Effective from, SessionSettings to) {
    }

    private static volatile Converted last;

    /**
     * The session settings for {@code s}; equal inputs give the same instance (most connections
     * of an application have equal limits, and the session keeps its settings for its lifetime).
     */
    static SessionSettings sessionSettings(ServerSettings.Effective s) {
        Converted c = last;
        if (c != null && c.from.equals(s)) {
            return c.to;
        }
        SessionSettings made = convert(s);
        last = new Converted(s, made);
        return made;
    }

    private static SessionSettings convert(ServerSettings.Effective s) {
        return SessionSettings.defaults()
                .withMaxIdleTimeoutMs(Math.max(0L, s.idleTimeout()))
                .withMaxTextMessageBufferSize(s.maxTextMessageBufferSize())
                .withMaxBinaryMessageBufferSize(s.maxBinaryMessageBufferSize())
                .withSendTimeoutMs(s.asyncSendTimeout())
                .withOutboundQueueBytes(s.maxOutboundQueueBytes())
                .withCloseTimeoutMs(s.closeTimeout())
                .withStreamBufferBytes(s.streamBufferSize());
    }
}
