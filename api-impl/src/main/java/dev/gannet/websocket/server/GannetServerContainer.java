package dev.gannet.websocket.server;

import dev.gannet.websocket.protocol.PerMessageDeflate;
import dev.gannet.websocket.session.WebSocketExtension;
import dev.gannet.websocket.session.WsSession;
import dev.gannet.websocket.transport.Transport;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;

/**
 * Gannet's {@link jakarta.websocket.server.ServerContainer}, independent of any HTTP server: it
 * deploys endpoints, answers "which endpoint serves this path?" ({@link #match}) and "perform
 * the opening handshake for this request" ({@link #handshake(EndpointMatch, UpgradeRequest)}),
 * and keeps the open sessions so that {@code Session.getOpenSessions()} and {@link #shutdown()}
 * work. The servlet integration creates one per web application, configures it with
 * {@link ServerSettings}, installs the {@link UpgradeHook} behind
 * {@link #upgradeHttpToWebSocket}, and calls {@link #shutdown()} when the application stops.
 * Client connections ({@code connectToServer}) go to a delegate client container. Thread-safe.
 */
public final class GannetServerContainer implements jakarta.websocket.server.ServerContainer {

    private static final System.Logger LOG = System.getLogger(GannetServerContainer.class.getName());
    private static final Extension PERMESSAGE_DEFLATE = WebSocketExtension.named(PerMessageDeflate.NAME);

    private final ServerSettings settings;
    private final EndpointRegistry registry = new EndpointRegistry();
    private final Set<Class<?>> annotatedClasses = ConcurrentHashMap.newKeySet();
    private final Set<ServerEndpointConfig> deployedConfigs = ConcurrentHashMap.newKeySet();
    private final OpenSessions openSessions = new OpenSessions();
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private volatile boolean deploymentComplete;
    private volatile boolean deploying;
    private volatile boolean shutdown;
    private volatile Throwable failure;
    private final ClientDelegate client = new ClientDelegate(this);
    private volatile UpgradeHook upgradeHook;

    /** A container with default settings and its own thread pool. */
    public GannetServerContainer() {
        this(new ServerSettings());
    }

    /** A container with the given settings (kept, not copied: later changes apply) and its own thread pool. */
    public GannetServerContainer(ServerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ownedExecutor = SessionLauncher.newPool();
        this.executor = ownedExecutor;
    }

    /**
     * A container whose sessions run their asynchronous work on {@code executor}, which the
     * container does not shut down.
     */
    public GannetServerContainer(ServerSettings settings, Executor executor) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ownedExecutor = null;
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The container-wide settings (live: changes apply to sessions opened afterwards). */
    public ServerSettings settings() {
        return settings;
    }

    // ---- deployment ----------------------------------------------------------------------

    /**
     * Deploys an annotated ({@code @ServerEndpoint}) class. Deploying the same class again is
     * ignored, as the spec requires when scanning and programmatic deployment overlap.
     *
     * @throws DeploymentException   when the class breaks a rule of the spec or its path clashes
     * @throws IllegalStateException after {@link #shutdown()}
     */
    @Override
    public synchronized void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        checkRunning();
        if (endpointClass == null) {
            throw new DeploymentException("addEndpoint(Class): the endpoint class is null");
        }
        if (annotatedClasses.contains(endpointClass)) {
            LOG.log(Level.DEBUG, "{0} is already deployed; the duplicate submission is ignored", endpointClass);
            return;
        }
        DeployedEndpoint d;
        try {
            d = EndpointDeployer.annotated(endpointClass);
            deploy(d);
        } catch (DeploymentException e) {
            throw failedInDeploymentPhase(e);
        }
        annotatedClasses.add(endpointClass);
    }

    /**
     * Deploys an endpoint from its configuration: a programmatic endpoint (a subclass of
     * {@link Endpoint}) or an annotated class placed at the configuration's path. Deploying the
     * same configuration object again is ignored.
     *
     * @throws DeploymentException   when the endpoint is not valid or its path clashes
     * @throws IllegalStateException after {@link #shutdown()}
     */
    @Override
    public synchronized void addEndpoint(ServerEndpointConfig serverConfig) throws DeploymentException {
        checkRunning();
        if (serverConfig == null) {
            throw new DeploymentException("addEndpoint(ServerEndpointConfig): the configuration is null");
        }
        if (deployedConfigs.contains(serverConfig)) {
            return;
        }
        try {
            deploy(endpointFor(serverConfig));
        } catch (DeploymentException e) {
            throw failedInDeploymentPhase(e);
        }
    }

    /**
     * Spec §5.2.1 (WSC-5.2.1-3): a deployment error while the application deploys halts its
     * WebSocket deployment, whoever deployed the endpoint (a listener may catch the exception;
     * the application's endpoints are out of service all the same). Once the deployment phase is
     * over, a failed {@code addEndpoint} only reports the error to its caller.
     */
    private DeploymentException failedInDeploymentPhase(DeploymentException e) {
        if (deploying && !deploymentComplete) {
            LOG.log(Level.ERROR, "WebSocket deployment failed; every endpoint of the application is removed"
                    + " from service and no further endpoint may be deployed", e);
            deploymentFailed(e);
        }
        return e;
    }

    private void deploy(DeployedEndpoint d) throws DeploymentException {
        registry.add(d);
        deployedConfigs.add(d.config());
        if (deploymentComplete) {
            LOG.log(Level.DEBUG, "Deployed {0} after the deployment phase (allowed since WebSocket 2.1)", d);
        }
    }

    DeployedEndpoint endpointFor(ServerEndpointConfig sec) throws DeploymentException {
        return EndpointDeployer.fromConfig(sec, settings);
    }

    /**
     * Marks the start of an application's deployment phase, managed by the HTTP layer (a web
     * application starting). Until {@link #deploymentComplete()}, a deployment error fails the
     * whole WebSocket application (spec §5.2.1), see {@link #deploymentFailed(Throwable)}. A
     * container used without this call reports each error to the caller only.
     */
    public void deploymentStarted() {
        deploying = true;
    }

    /**
     * Marks the end of the application's deployment phase. Since WebSocket 2.1 endpoints may
     * still be added afterwards (spec §6.4), so this only records the fact (and logs late
     * deployments); it exists so the HTTP layer can tell the two phases apart.
     */
    public void deploymentComplete() {
        deploymentComplete = true;
    }

    /** Whether {@link #deploymentComplete()} was called. */
    public boolean isDeploymentComplete() {
        return deploymentComplete;
    }

    /** The deployed endpoint paths, in no particular order. */
    public List<String> endpointPaths() {
        List<String> out = new ArrayList<>();
        for (DeployedEndpoint d : registry.all()) {
            out.add(d.template().path());
        }
        return out;
    }

    /**
     * Reports a deployment error during the deployment phase the HTTP layer manages (scanning):
     * per spec §5.2.1 every endpoint deployed so far is removed from service and no further
     * endpoint may be deployed; {@code addEndpoint} then throws IllegalStateException.
     */
    public synchronized void deploymentFailed(Throwable cause) {
        failure = cause == null ? new DeploymentException("deployment failed") : cause;
        registry.clear();
        annotatedClasses.clear();
        deployedConfigs.clear();
    }

    private void checkRunning() {
        if (shutdown) {
            throw new IllegalStateException("The WebSocket server container has been shut down");
        }
        Throwable failed = failure;
        if (failed != null) {
            throw new IllegalStateException("The WebSocket application failed to deploy (" + failed.getMessage()
                    + "); no endpoint may be deployed", failed);
        }
    }

    // ---- handshake -----------------------------------------------------------------------

    /**
     * The endpoint for a request path relative to the WebSocket root (for a servlet container:
     * the request URI after the context path, still percent-encoded, without the query string;
     * path parameters such as ";jsessionid=..." are ignored), chosen with the spec's precedence.
     * Path variables come out percent-decoded (UTF-8). Lock-free.
     */
    public Optional<EndpointMatch> match(String path) {
        return shutdown ? Optional.empty() : registry.match(path);
    }

    /**
     * Like {@link #match(String)} for a path that is already percent-decoded and normalised, such
     * as a servlet's {@code getServletPath() + getPathInfo()}: it is split at '/' and not decoded
     * again (so a '%' in it is a literal '%').
     */
    public Optional<EndpointMatch> matchDecoded(String decodedPath) {
        return shutdown ? Optional.empty() : registry.matchDecoded(decodedPath);
    }

    /** Performs the opening handshake for a matched request. */
    public HandshakeOutcome handshake(EndpointMatch match, UpgradeRequest request) {
        if (shutdown) {
            return HandshakeOutcome.refused(HandshakeOutcome.UNAVAILABLE, "The server container is shut down");
        }
        return ServerHandshake.perform(this, match.endpoint(), match.pathParameters(), request);
    }

    /** Matches {@code path} and performs the handshake; 404 when no endpoint matches. */
    public HandshakeOutcome handshake(String path, UpgradeRequest request) {
        if (shutdown) {
            return HandshakeOutcome.refused(HandshakeOutcome.UNAVAILABLE, "The server container is shut down");
        }
        Optional<EndpointMatch> m = match(path);
        return m.isEmpty() ? HandshakeOutcome.refused(HandshakeOutcome.NOT_FOUND, "No WebSocket endpoint at " + path)
                : handshake(m.get(), request);
    }

    /**
     * Performs the handshake for an endpoint that is not deployed, as
     * {@code upgradeHttpToWebSocket} requires.
     *
     * @throws DeploymentException when the configuration is not a valid endpoint
     */
    public HandshakeOutcome handshake(ServerEndpointConfig sec, Map<String, String> pathParameters,
                                      UpgradeRequest request) throws DeploymentException {
        if (sec == null) {
            throw new DeploymentException("upgradeHttpToWebSocket: the ServerEndpointConfig is null");
        }
        DeployedEndpoint d = endpointFor(sec);
        if (shutdown) {
            return HandshakeOutcome.refused(HandshakeOutcome.UNAVAILABLE, "The server container is shut down");
        }
        return ServerHandshake.perform(this, d, pathParameters == null ? Map.of() : pathParameters, request);
    }

    /** The extensions this container implements for an endpoint with these settings. */
    List<Extension> installedExtensionsFor(ServerSettings.Effective s) {
        return s.permessageDeflate() ? List.of(PERMESSAGE_DEFLATE) : List.of();
    }

    // ---- sessions ------------------------------------------------------------------------

    /** Creates, registers and starts the session of an accepted handshake (see {@link HandshakeOutcome#openSession}). */
    Session openSession(PreparedConnection p, Transport transport) {
        if (shutdown) {
            transport.close();
            throw new IllegalStateException("The server container was shut down during the handshake");
        }
        Session session = SessionLauncher.launch(this, p, transport, executor, openSessions);
        if (shutdown) {
            closeGoingAway(session); // shutdown() may have missed it: it was not registered yet
        }
        return session;
    }

    /** The open sessions of a deployed endpoint (a copy). */
    public Set<Session> openSessions(ServerEndpointConfig config) {
        return Collections.unmodifiableSet(openSessions.of(config));
    }

    /** The number of sessions not yet ended, over every endpoint. */
    public int openSessionCount() {
        return openSessions.all().size();
    }

    /**
     * Stops the container: no more handshakes or deployments, every endpoint removed, every open
     * session closed with 1001 (going away), and, once they are closed or their close timeout
     * passed, the container's own thread pool shut down. Idempotent.
     */
    public void shutdown() {
        synchronized (this) {
            if (shutdown) {
                return;
            }
            // openSession checks the flag again after registering its session, so a session
            // being opened now is either in the snapshot below or closes itself.
            shutdown = true;
            registry.clear();
        }
        for (Session s : openSessions.all()) {
            closeGoingAway(s);
        }
        if (ownedExecutor != null) {
            // The sessions still need the pool to finish their close handshakes and run onClose.
            if (!openSessions.awaitEmpty(settings.closeTimeout() + 1000)) {
                LOG.log(Level.WARNING, "{0} WebSocket sessions did not finish closing at shutdown",
                        openSessions.all().size());
            }
            ownedExecutor.shutdown();
        }
    }

    private static void closeGoingAway(Session s) {
        try {
            if (s instanceof WsSession ws) {
                ws.closeForShutdown(); // 1001 on the wire, 1006 to onClose: a local close (spec §2.1.5)
            } else {
                s.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Server shutting down"));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Closing session " + s.getId() + " at shutdown failed", e);
        }
    }

    /** Whether {@link #shutdown()} was called. */
    public boolean isShutdown() {
        return shutdown;
    }

    // ---- hooks ---------------------------------------------------------------------------

    /** Installs what performs {@link #upgradeHttpToWebSocket}; the servlet integration does. */
    public void setUpgradeHook(UpgradeHook hook) {
        this.upgradeHook = hook;
    }

    /**
     * Sets the client container that {@code connectToServer} delegates to. Without one, the
     * first call asks {@link ContainerProvider#getWebSocketContainer()}.
     */
    public void setClientContainer(WebSocketContainer client) {
        this.client.set(client);
    }

    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
                                       Map<String, String> pathParameters) throws IOException, DeploymentException {
        UpgradeHook hook = upgradeHook;
        if (hook == null) {
            throw new UnsupportedOperationException("upgradeHttpToWebSocket needs a Jakarta Servlet container:"
                    + " this GannetServerContainer was not set up by the Gannet servlet integration");
        }
        checkRunning();
        hook.upgrade(httpServletRequest, httpServletResponse, sec, pathParameters == null ? Map.of() : pathParameters);
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return client.get().connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return client.get().connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client.get().connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client.get().connectToServer(endpointClass, cec, path);
    }

    // ---- WebSocketContainer defaults -----------------------------------------------------

    @Override
    public long getDefaultAsyncSendTimeout() {
        return settings.asyncSendTimeout();
    }

    @Override
    public void setAsyncSendTimeout(long timeoutmillis) {
        settings.asyncSendTimeout(timeoutmillis);
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return settings.idleTimeout();
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        settings.idleTimeout(timeout);
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return settings.maxBinaryMessageBufferSize();
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        settings.maxBinaryMessageBufferSize(max);
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return settings.maxTextMessageBufferSize();
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        settings.maxTextMessageBufferSize(max);
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return settings.permessageDeflate() ? Set.of(PERMESSAGE_DEFLATE) : Set.of();
    }
}
