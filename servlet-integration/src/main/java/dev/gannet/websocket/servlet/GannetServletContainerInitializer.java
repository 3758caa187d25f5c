package dev.gannet.websocket.servlet;

import dev.gannet.websocket.server.GannetServerContainer;
import dev.gannet.websocket.server.ServerSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Installs Gannet in a web application; any Servlet 6.1 container finds it through
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}. It deploys the scanned
 * endpoints by the spec's {@code ServerApplicationConfig} rules, publishes the
 * {@link ServerContainer} as the context attribute {@code jakarta.websocket.server.ServerContainer}
 * (so {@code ServletContextListener}s can add endpoints), registers the upgrade filter on
 * {@code /*} and the listener that closes WebSockets at undeploy and when their HTTP session
 * ends. A deployment error fails the application's start. Container-wide settings come from
 * context init parameters named in {@code dev.gannet.websocket.server.ConfigKeys}, plus
 * {@code dev.gannet.websocket.readBufferSize}, {@code .writeChunkSize}, {@code .deliveryThreads}
 * and {@code .readArming}.
 */
@HandlesTypes({ServerEndpoint.class, ServerApplicationConfig.class, Endpoint.class})
public final class GannetServletContainerInitializer implements ServletContainerInitializer {

    /** The context attribute the spec names for the application's {@link ServerContainer}. */
    public static final String SERVER_CONTAINER_ATTRIBUTE = ServerContainer.class.getName();

    private static final System.Logger LOG = System.getLogger(GannetServletContainerInitializer.class.getName());
    static final String FILTER_NAME = "gannet-websocket-upgrade";

    @Override
    public void onStartup(Set<Class<?>> scanned, ServletContext context) throws ServletException {
        ServerSettings serverSettings;
        ServletSettings servletSettings;
        try {
            serverSettings = new ServerSettings().apply(context::getInitParameter);
            servletSettings = ServletSettings.from(context::getInitParameter, context.getServerInfo());
        } catch (IllegalArgumentException e) {
            throw new ServletException("Gannet WebSocket: invalid context init parameter: " + e.getMessage(), e);
        }
        GannetServerContainer container = new GannetServerContainer(serverSettings);
        // Until the application has started, a deployment error anywhere (here, or in a listener
        // that calls addEndpoint and swallows the exception) takes all its endpoints out of service.
        container.deploymentStarted();
        ExecutorService executor = DeliveryExecutors.create("gannet-ws-" + contextName(context),
                servletSettings.deliveryThreads(), context.getClassLoader());
        WebSocketApplication application = new WebSocketApplication(container, servletSettings, executor);
        try {
            deploy(container, scanned);
        } catch (DeploymentException | ReflectiveOperationException | RuntimeException e) {
            application.shutdown();
            throw new ServletException("Gannet WebSocket deployment failed in " + contextName(context) + ": "
                    + e.getMessage(), e);
        }
        container.setUpgradeHook((req, resp, sec, pathParameters) -> upgrade(application, req, resp, sec, pathParameters));
        context.setAttribute(SERVER_CONTAINER_ATTRIBUTE, container);
        context.setAttribute(WebSocketApplication.ATTRIBUTE, application);

        // The filter and the listener find the application through the attribute: an embedded
        // container restarting the context may keep the registrations of the previous start.
        FilterRegistration.Dynamic added = context.addFilter(FILTER_NAME, UpgradeFilter.class);
        if (added != null) {
            added.setAsyncSupported(true);
        }
        FilterRegistration filter = added != null ? added : context.getFilterRegistration(FILTER_NAME);
        if (filter.getUrlPatternMappings().isEmpty()) {
            // After the application's own filters: security filters see the handshake first.
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        }
        context.addListener(ApplicationListener.class);
        LOG.log(Level.DEBUG, "Gannet WebSocket installed in {0}: endpoints {1}, deliveries on {2}, reads {3}",
                contextName(context), container.endpointPaths(),
                DeliveryExecutors.virtualThreadsAvailable() ? "virtual threads"
                        : "a pool of " + servletSettings.deliveryThreads() + " threads",
                servletSettings.readArming());
    }

    private static void deploy(GannetServerContainer container, Set<Class<?>> scanned)
            throws DeploymentException, ReflectiveOperationException {
        EndpointScan scan = EndpointScan.of(scanned);
        for (ServerEndpointConfig config : scan.configs()) {
            container.addEndpoint(config);
        }
        for (Class<?> annotated : scan.annotated()) {
            container.addEndpoint(annotated);
        }
    }

    private static void upgrade(WebSocketApplication application, Object req, Object resp, ServerEndpointConfig sec,
            Map<String, String> pathParameters) throws IOException, DeploymentException {
        if (!(req instanceof HttpServletRequest request) || !(resp instanceof HttpServletResponse response)) {
            throw new IllegalArgumentException("upgradeHttpToWebSocket needs an HttpServletRequest and an"
                    + " HttpServletResponse, got " + req + " and " + resp);
        }
        try {
            application.respond(request, response,
                    application.container().handshake(sec, pathParameters, new ServletUpgradeRequest(request)));
        } catch (ServletException e) {
            throw new IOException("The servlet container refused the upgrade: " + e.getMessage(), e);
        }
    }

    private static String contextName(ServletContext context) {
        String path = context.getContextPath();
        return path.isEmpty() ? "/" : path;
    }
}
