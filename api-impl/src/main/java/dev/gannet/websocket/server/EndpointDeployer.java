package dev.gannet.websocket.server;

import dev.gannet.websocket.endpoint.AnnotatedConfigs;
import dev.gannet.websocket.endpoint.AnnotatedEndpoint;
import dev.gannet.websocket.endpoint.AnnotatedEndpointModel;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.reflect.Method;

/**
 * Turns what the application deploys into {@link DeployedEndpoint}s, checking it first.
 * Programmatic endpoints are the configurator's instances; for annotated classes the endpoint
 * package introspects the class once, and each connection gets the configurator's instance
 * wrapped in an {@link AnnotatedEndpoint}.
 */
final class EndpointDeployer {

    private EndpointDeployer() {
    }

    /** A {@code @ServerEndpoint} class, configured by its annotation. */
    static DeployedEndpoint annotated(Class<?> endpointClass) throws DeploymentException {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(endpointClass, true);
        ServerEndpointConfig sec = AnnotatedConfigs.serverConfig(endpointClass);
        return new DeployedEndpoint(sec, UriTemplate.parse(sec.getPath()), factory(model, endpointClass),
                endpointClass);
    }

    /**
     * An endpoint from its configuration: a subclass of {@link Endpoint}, or an annotated class
     * placed by a programmatic configuration (its path, coders and configurator apply).
     */
    static DeployedEndpoint fromConfig(ServerEndpointConfig sec, ServerSettings settings) throws DeploymentException {
        Class<?> cls = sec.getEndpointClass();
        if (cls == null) {
            throw new DeploymentException("The ServerEndpointConfig for path " + sec.getPath() + " has no endpoint class");
        }
        UriTemplate template = UriTemplate.parse(sec.getPath());
        try {
            settings.forEndpoint(sec.getUserProperties());
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("Endpoint " + cls.getName() + " at " + sec.getPath()
                    + " has an invalid user property: " + e.getMessage(), e);
        }
        if (sec.getConfigurator() == null) {
            throw new DeploymentException("The ServerEndpointConfig of " + cls.getName() + " has no configurator");
        }
        if (Endpoint.class.isAssignableFrom(cls)) {
            return new DeployedEndpoint(sec, template, c -> programmaticInstance(c, cls), null);
        }
        if (!looksAnnotated(cls)) {
            throw new DeploymentException("Cannot deploy " + cls.getName() + " at " + sec.getPath()
                    + ": it neither extends jakarta.websocket.Endpoint nor is an annotated endpoint"
                    + " (@ServerEndpoint, or methods annotated @OnOpen, @OnMessage, @OnClose or @OnError)");
        }
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(cls, (EndpointConfig) sec);
        return new DeployedEndpoint(sec, template, factory(model, cls), cls);
    }

    private static boolean looksAnnotated(Class<?> cls) {
        if (cls.isAnnotationPresent(ServerEndpoint.class)) {
            return true;
        }
        for (Method m : cls.getMethods()) {
            if (m.isAnnotationPresent(OnMessage.class) || m.isAnnotationPresent(OnOpen.class)
                    || m.isAnnotationPresent(OnClose.class) || m.isAnnotationPresent(OnError.class)) {
                return true;
            }
        }
        return false;
    }

    private static Endpoint programmaticInstance(ServerEndpointConfig config, Class<?> cls)
            throws InstantiationException {
        Object instance = config.getConfigurator().getEndpointInstance(cls);
        if (!(instance instanceof Endpoint)) {
            throw new InstantiationException(config.getConfigurator().getClass().getName()
                    + ".getEndpointInstance(" + cls.getName() + ") returned " + instance + ", not an Endpoint");
        }
        return (Endpoint) instance;
    }

    private static EndpointFactory factory(AnnotatedEndpointModel model, Class<?> endpointClass) {
        return config -> {
            Object instance = config.getConfigurator().getEndpointInstance(endpointClass);
            if (!endpointClass.isInstance(instance)) {
                throw new InstantiationException(config.getConfigurator().getClass().getName()
                        + ".getEndpointInstance(" + endpointClass.getName() + ") returned " + instance
                        + ", not an instance of that class");
            }
            return new AnnotatedEndpoint(model, instance);
        };
    }
}
