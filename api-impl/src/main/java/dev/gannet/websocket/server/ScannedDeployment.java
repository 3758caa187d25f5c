package dev.gannet.websocket.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deploys what an archive scan found, by the rules of spec §6.2 and §4.8: with no
 * {@link ServerApplicationConfig} every properly annotated endpoint is deployed (and no
 * programmatic one); with some, exactly the union of what they return. Scanned classes are
 * filtered first: annotated endpoints must carry {@code @ServerEndpoint} themselves and be public
 * and concrete (subclasses of annotated endpoints and non-public classes are skipped, not
 * errors), programmatic endpoints and configs must be public and concrete, and Gannet's own
 * classes are never offered. A deployment error removes every endpoint already deployed and
 * closes the container to further deployment ({@link GannetServerContainer#deploymentFailed}),
 * then propagates. The servlet integration calls this from its ServletContainerInitializer with
 * the classes of its {@code @HandlesTypes}.
 */
public final class ScannedDeployment {

    private static final System.Logger LOG = System.getLogger(ScannedDeployment.class.getName());
    private static final CodeSource OURS = GannetServerContainer.class.getProtectionDomain().getCodeSource();

    private ScannedDeployment() {
    }

    /**
     * Deploys the endpoints of a scan into {@code container}.
     *
     * @param scanned every class the scan reported, of any kind (others are ignored)
     * @throws DeploymentException naming the endpoint or configuration at fault
     */
    public static void deploy(GannetServerContainer container, Set<Class<?>> scanned) throws DeploymentException {
        Set<Class<?>> annotated = new LinkedHashSet<>();
        Set<Class<? extends Endpoint>> programmatic = new LinkedHashSet<>();
        List<Class<?>> configClasses = new ArrayList<>();
        for (Class<?> c : sorted(scanned)) {
            if (isOurs(c) || !isPublicConcrete(c)) {
                continue;
            }
            if (c.isAnnotationPresent(ServerEndpoint.class)) {
                annotated.add(c);
            } else if (Endpoint.class.isAssignableFrom(c)) {
                programmatic.add(c.asSubclass(Endpoint.class));
            }
            if (ServerApplicationConfig.class.isAssignableFrom(c)) {
                configClasses.add(c);
            }
        }
        try {
            if (configClasses.isEmpty()) {
                for (Class<?> c : annotated) {
                    container.addEndpoint(c);
                }
                return;
            }
            Set<ServerEndpointConfig> configs = new LinkedHashSet<>();
            Set<Class<?>> classes = new LinkedHashSet<>();
            for (Class<?> cc : configClasses) {
                ServerApplicationConfig app = instantiate(cc);
                Set<ServerEndpointConfig> c = app.getEndpointConfigs(Collections.unmodifiableSet(programmatic));
                Set<Class<?>> a = app.getAnnotatedEndpointClasses(Collections.unmodifiableSet(annotated));
                if (c != null) {
                    configs.addAll(c);
                }
                if (a != null) {
                    classes.addAll(a);
                }
            }
            for (ServerEndpointConfig sec : configs) {
                container.addEndpoint(sec);
            }
            for (Class<?> c : classes) {
                container.addEndpoint(c);
            }
        } catch (DeploymentException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "WebSocket deployment failed; no endpoint of this application is"
                    + " in service", e);
            container.deploymentFailed(e);
            if (e instanceof DeploymentException de) {
                throw de;
            }
            throw new DeploymentException("WebSocket deployment failed: " + e, e);
        }
    }

    private static ServerApplicationConfig instantiate(Class<?> c) throws DeploymentException {
        try {
            return (ServerApplicationConfig) c.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new DeploymentException("ServerApplicationConfig " + c.getName() + " could not be created: its"
                    + " constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new DeploymentException("ServerApplicationConfig " + c.getName()
                    + " needs a public no-argument constructor", e);
        }
    }

    /** A stable order, so that a clash is reported the same way on every start. */
    private static List<Class<?>> sorted(Set<Class<?>> scanned) {
        return scanned == null ? List.of()
                : scanned.stream().sorted(Comparator.comparing(Class::getName)).toList();
    }

    private static boolean isPublicConcrete(Class<?> c) {
        int m = c.getModifiers();
        return Modifier.isPublic(m) && !Modifier.isAbstract(m) && !c.isInterface() && !c.isAnnotation()
                && (c.getEnclosingClass() == null || Modifier.isStatic(m));
    }

    private static boolean isOurs(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        return OURS != null && cs != null && OURS.getLocation() != null
                && OURS.getLocation().equals(cs.getLocation());
    }
}
