package dev.gannet.websocket.server;

import dev.gannet.websocket.endpoint.AnnotatedConfigs;
import dev.gannet.websocket.endpoint.AnnotatedEndpoint;
import dev.gannet.websocket.endpoint.AnnotatedEndpointModel;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Deployment of annotated endpoint classes: the endpoint package introspects the class once,
 * and each connection gets the configurator's instance wrapped in an {@link AnnotatedEndpoint}.
 */
final class Annotated {

    private Annotated() {
    }

    /** A {@code @ServerEndpoint} class, configured by its annotation. */
    static DeployedEndpoint deploy(Class<?> endpointClass) throws DeploymentException {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(endpointClass, true);
        ServerEndpointConfig sec = AnnotatedConfigs.serverConfig(endpointClass);
        return new DeployedEndpoint(sec, UriTemplate.parse(sec.getPath()), factory(model, endpointClass),
                endpointClass);
    }

    /** An annotated class placed by a programmatic configuration (path, coders, configurator). */
    static DeployedEndpoint deploy(ServerEndpointConfig sec, UriTemplate template) throws DeploymentException {
        Class<?> endpointClass = sec.getEndpointClass();
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(endpointClass, (EndpointConfig) sec);
        return new DeployedEndpoint(sec, template, factory(model, endpointClass), endpointClass);
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
