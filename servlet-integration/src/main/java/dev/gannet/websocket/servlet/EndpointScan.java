package dev.gannet.websocket.servlet;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Applies the spec's deployment rules (§6.2) to what the servlet container's scan found: with no
 * {@link ServerApplicationConfig}, every concrete {@code @ServerEndpoint} class; with some, the
 * union of what each one returns from {@code getEndpointConfigs} and
 * {@code getAnnotatedEndpointClasses}, each given the scanned programmatic endpoints and
 * annotated classes.
 *
 * @param annotated annotated endpoint classes to deploy
 * @param configs   programmatic endpoint configurations to deploy
 */
record EndpointScan(Set<Class<?>> annotated, Set<ServerEndpointConfig> configs) {

    static EndpointScan of(Set<Class<?>> scanned) throws ReflectiveOperationException {
        Set<Class<?>> annotated = new LinkedHashSet<>();
        Set<Class<? extends Endpoint>> programmatic = new LinkedHashSet<>();
        Set<Class<? extends ServerApplicationConfig>> appConfigs = new LinkedHashSet<>();
        for (Class<?> c : scanned == null ? Set.<Class<?>>of() : scanned) {
            if (!isConcrete(c)) {
                continue; // @HandlesTypes also reports interfaces and abstract bases
            }
            if (c.isAnnotationPresent(ServerEndpoint.class)) {
                annotated.add(c);
            }
            if (Endpoint.class.isAssignableFrom(c)) {
                programmatic.add(c.asSubclass(Endpoint.class));
            }
            if (ServerApplicationConfig.class.isAssignableFrom(c)) {
                appConfigs.add(c.asSubclass(ServerApplicationConfig.class));
            }
        }
        if (appConfigs.isEmpty()) {
            // Programmatic endpoints need a ServerEndpointConfig, which only an app config gives.
            return new EndpointScan(annotated, Set.of());
        }
        Set<Class<?>> chosenClasses = new LinkedHashSet<>();
        Set<ServerEndpointConfig> chosenConfigs = new LinkedHashSet<>();
        for (Class<? extends ServerApplicationConfig> type : appConfigs) {
            ServerApplicationConfig config = type.getConstructor().newInstance();
            Set<ServerEndpointConfig> configs = config.getEndpointConfigs(Set.copyOf(programmatic));
            if (configs != null) {
                chosenConfigs.addAll(configs);
            }
            Set<Class<?>> classes = config.getAnnotatedEndpointClasses(Set.copyOf(annotated));
            if (classes != null) {
                chosenClasses.addAll(classes);
            }
        }
        return new EndpointScan(chosenClasses, chosenConfigs);
    }

    private static boolean isConcrete(Class<?> c) {
        return !c.isInterface() && !c.isAnnotation() && !Modifier.isAbstract(c.getModifiers());
    }
}
