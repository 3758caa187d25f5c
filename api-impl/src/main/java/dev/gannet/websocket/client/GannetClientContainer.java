package dev.gannet.websocket.client;

import dev.gannet.websocket.endpoint.AnnotatedConfigs;
import dev.gannet.websocket.endpoint.AnnotatedEndpoint;
import dev.gannet.websocket.endpoint.AnnotatedEndpointModel;
import dev.gannet.websocket.protocol.PerMessageDeflate;
import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.session.SessionConfig;
import dev.gannet.websocket.session.SessionSettings;
import dev.gannet.websocket.session.WebSocketExtension;
import dev.gannet.websocket.session.WsSession;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Gannet's client {@link WebSocketContainer}: connects annotated ({@code @ClientEndpoint}) and
 * programmatic endpoints to ws and wss servers over non-blocking NIO (TLS through
 * {@code SSLEngine}), directly or through an HTTP proxy, with the opening handshake checked
 * strictly. Connections and sessions share a small fixed set of selector threads and a pool of
 * daemon workers, so no thread is held per connection. The user properties it reads are listed
 * in {@link ClientProperties}; the container-wide defaults (idle timeout, message buffer sizes,
 * async send timeout) apply to sessions opened after they are set. {@link #shutdown()} closes
 * this container's open sessions with 1001.
 */
public final class GannetClientContainer implements WebSocketContainer {

    private final ClientRuntime runtime = ClientRuntime.shared();
    private final Connector connector = new Connector(runtime);
    private final Set<WsSession> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> defaultProperties = new ConcurrentHashMap<>();

    private volatile long asyncSendTimeout = SessionSettings.DEFAULT_SEND_TIMEOUT_MS;
    private volatile long maxIdleTimeout;
    private volatile int maxBinaryBuffer = SessionSettings.DEFAULT_MESSAGE_BUFFER_SIZE;
    private volatile int maxTextBuffer = SessionSettings.DEFAULT_MESSAGE_BUFFER_SIZE;

    /** A container with the documented defaults. */
    public GannetClientContainer() {
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        Objects.requireNonNull(annotatedEndpointInstance, "annotatedEndpointInstance");
        if (annotatedEndpointInstance instanceof Endpoint e && !isAnnotated(e.getClass())) {
            return connect(e, ClientEndpointConfig.Builder.create().build(), path);
        }
        Class<?> cls = annotatedEndpointInstance.getClass();
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(cls, false);
        return connect(new AnnotatedEndpoint(model, annotatedEndpointInstance), AnnotatedConfigs.clientConfig(cls), path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        Objects.requireNonNull(annotatedEndpointClass, "annotatedEndpointClass");
        if (Endpoint.class.isAssignableFrom(annotatedEndpointClass) && !isAnnotated(annotatedEndpointClass)) {
            return connect((Endpoint) instantiate(annotatedEndpointClass), ClientEndpointConfig.Builder.create().build(),
                    path);
        }
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(annotatedEndpointClass, false);
        ClientEndpointConfig config = AnnotatedConfigs.clientConfig(annotatedEndpointClass);
        return connect(new AnnotatedEndpoint(model, instantiate(annotatedEndpointClass)), config, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        Objects.requireNonNull(endpointInstance, "endpointInstance");
        return connect(endpointInstance, cec != null ? cec : ClientEndpointConfig.Builder.create().build(), path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        Objects.requireNonNull(endpointClass, "endpointClass");
        return connect((Endpoint) instantiate(endpointClass),
                cec != null ? cec : ClientEndpointConfig.Builder.create().build(), path);
    }

    private static boolean isAnnotated(Class<?> c) {
        return c.isAnnotationPresent(jakarta.websocket.ClientEndpoint.class);
    }

    private static Object instantiate(Class<?> c) throws DeploymentException {
        try {
            Constructor<?> ctor = c.getDeclaredConstructor();
            ctor.trySetAccessible();
            return ctor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new DeploymentException("Cannot create client endpoint " + c.getName()
                    + ": it needs a no-arg constructor", e);
        } catch (InvocationTargetException e) {
            throw new DeploymentException("Cannot create client endpoint " + c.getName()
                    + ": its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("Cannot create client endpoint " + c.getName() + ": " + e, e);
        }
    }

    private Session connect(Endpoint endpoint, ClientEndpointConfig config, URI uri)
            throws DeploymentException, IOException {
        Objects.requireNonNull(uri, "path");
        Map<String, Object> props = new HashMap<>(defaultProperties);
        props.putAll(config.getUserProperties());
        Connector.Connected c;
        try {
            c = connector.connect(uri, config, props);
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("Cannot connect to " + uri + ": " + e.getMessage(), e);
        }
        SessionSettings settings;
        try {
            settings = settings(props);
        } catch (IllegalArgumentException e) {
            c.transport().abort();
            throw new DeploymentException("Cannot connect to " + uri + ": " + e.getMessage(), e);
        }
        // A client lets the server close TCP first (RFC 6455 §7.1.1), as long as it would wait for a close frame.
        c.transport().awaitServerCloseFor(settings.closeTimeoutMs());
        SessionConfig sc = SessionConfig.builder()
                .role(Role.CLIENT)
                .transport(c.transport())
                .endpoint(endpoint)
                .endpointConfig(config)
                .container(this)
                .requestUri(uri)
                .queryString(uri.getRawQuery())
                .parameterMap(QueryParameters.parse(uri.getRawQuery()))
                .subprotocol(c.negotiated().subprotocol())
                .extensions(c.negotiated().extensions())
                .deflate(c.negotiated().deflate())
                .settings(settings)
                .executor(runtime.workers())
                .openSessions(() -> openSessionsTo(uri))
                .closeListener(sessions::remove)
                .build();
        WsSession session;
        try {
            session = new WsSession(sc);
        } catch (RuntimeException e) {
            c.transport().abort();
            throw new DeploymentException("Cannot open a session to " + uri + ": " + e.getMessage(), e);
        }
        sessions.add(session);
        session.start();
        return session;
    }

    /** The container's defaults, overridden by the connection's user properties. */
    private SessionSettings settings(Map<String, Object> p) {
        return SessionSettings.defaults()
                .withMaxIdleTimeoutMs(Math.max(0, maxIdleTimeout))
                .withMaxTextMessageBufferSize(maxTextBuffer)
                .withMaxBinaryMessageBufferSize(maxBinaryBuffer)
                .withSendTimeoutMs(asyncSendTimeout)
                .withOverrides(p);
    }

    /** The client's view of "sessions to the same endpoint": open sessions to the same URI. */
    private Set<Session> openSessionsTo(URI uri) {
        return sessions.stream().filter(s -> s.isOpen() && uri.equals(s.getRequestURI()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Container-wide defaults of the {@link ClientProperties} settings (connect and handshake
     * timeouts, proxy, credentials, TLS...): a live map; a connection's
     * {@code ClientEndpointConfig} user properties override each entry.
     */
    public Map<String, Object> getDefaultProperties() {
        return defaultProperties;
    }

    /** Closes every open session of this container with 1001 (going away). */
    public void shutdown() {
        for (WsSession s : List.copyOf(sessions)) {
            s.closeForShutdown();
        }
    }

    /** The open sessions this container made (a snapshot). */
    public Set<Session> getOpenSessions() {
        return sessions.stream().filter(Session::isOpen).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return asyncSendTimeout;
    }

    @Override
    public void setAsyncSendTimeout(long timeoutmillis) {
        asyncSendTimeout = timeoutmillis;
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return maxIdleTimeout;
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        maxIdleTimeout = Math.max(0, timeout);
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return maxBinaryBuffer;
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        maxBinaryBuffer = positive(max, "binary");
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return maxTextBuffer;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        maxTextBuffer = positive(max, "text");
    }

    private static int positive(int max, String what) {
        if (max <= 0) {
            throw new IllegalArgumentException("The default max " + what + " message buffer size must be > 0, got "
                    + max);
        }
        return max;
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return Set.of(WebSocketExtension.named(PerMessageDeflate.NAME));
    }
}
