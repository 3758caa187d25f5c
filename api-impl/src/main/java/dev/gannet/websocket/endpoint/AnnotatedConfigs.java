package dev.gannet.websocket.endpoint;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Turns the class-level annotations of annotated endpoints into the standard endpoint
 * configurations the containers work with: {@code @ServerEndpoint} into a
 * {@link ServerEndpointConfig} (path, subprotocols, encoders, decoders, configurator) and
 * {@code @ClientEndpoint} into a {@link ClientEndpointConfig} (preferred subprotocols, encoders,
 * decoders, configurator), both made with the jakarta builders. A custom configurator is
 * instantiated here, once per logical endpoint as the annotations' javadoc requires; with the
 * default one the builders' defaults apply (for the server, the container's default configurator
 * found through the API's service lookup). Every problem is a {@link DeploymentException} naming
 * the endpoint class.
 */
public final class AnnotatedConfigs {

    private AnnotatedConfigs() {
    }

    /**
     * The configuration declared by {@code @ServerEndpoint} on {@code endpointClass}.
     *
     * @throws DeploymentException if the annotation is missing, the path is malformed, a coder
     *         cannot be instantiated or the configurator cannot be created
     */
    public static ServerEndpointConfig serverConfig(Class<?> endpointClass) throws DeploymentException {
        ServerEndpoint ann = endpointClass.getAnnotation(ServerEndpoint.class);
        if (ann == null) {
            throw DeploymentErrors.forClass(endpointClass, "is not annotated with @ServerEndpoint");
        }
        String problem = TemplateVariables.problem(ann.value());
        if (problem != null) {
            throw DeploymentErrors.forClass(endpointClass, "@ServerEndpoint(\"" + ann.value() + "\"): " + problem
                    + "; accepted: a path starting with '/' whose variables {name} are whole segments,"
                    + " each used once (spec 3.1.1)");
        }
        List<Class<? extends Decoder>> decoders = List.of(ann.decoders());
        List<Class<? extends Encoder>> encoders = List.of(ann.encoders());
        CoderTypes.decoders(endpointClass, decoders);
        CoderTypes.encoders(endpointClass, encoders);
        ServerEndpointConfig.Builder b = ServerEndpointConfig.Builder.create(endpointClass, ann.value())
                .subprotocols(List.of(ann.subprotocols()))
                .decoders(decoders)
                .encoders(encoders);
        if (ann.configurator() != ServerEndpointConfig.Configurator.class) {
            b.configurator(instantiate(endpointClass, ann.configurator()));
        }
        return b.build();
    }

    /**
     * The configuration declared by {@code @ClientEndpoint} on {@code endpointClass}.
     *
     * @throws DeploymentException if the annotation is missing, a coder cannot be instantiated or
     *         the configurator cannot be created
     */
    public static ClientEndpointConfig clientConfig(Class<?> endpointClass) throws DeploymentException {
        ClientEndpoint ann = endpointClass.getAnnotation(ClientEndpoint.class);
        if (ann == null) {
            throw DeploymentErrors.forClass(endpointClass, "is not annotated with @ClientEndpoint");
        }
        List<Class<? extends Decoder>> decoders = List.of(ann.decoders());
        List<Class<? extends Encoder>> encoders = List.of(ann.encoders());
        CoderTypes.decoders(endpointClass, decoders);
        CoderTypes.encoders(endpointClass, encoders);
        ClientEndpointConfig.Builder b = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(ann.subprotocols()))
                .decoders(decoders)
                .encoders(encoders);
        if (ann.configurator() != ClientEndpointConfig.Configurator.class) {
            b.configurator(instantiate(endpointClass, ann.configurator()));
        }
        return b.build();
    }

    private static <T> T instantiate(Class<?> endpoint, Class<T> configurator) throws DeploymentException {
        String what = "configurator " + configurator.getName();
        if (configurator.isInterface() || Modifier.isAbstract(configurator.getModifiers())) {
            throw DeploymentErrors.forClass(endpoint, what + " is abstract; a concrete class with a public"
                    + " no-arg constructor is required");
        }
        try {
            var ctor = configurator.getConstructor();
            // A public constructor of a nested or package-private class still needs this.
            ctor.trySetAccessible();
            return ctor.newInstance();
        } catch (NoSuchMethodException e) {
            throw DeploymentErrors.forClass(endpoint, what + " has no public no-arg constructor; one is required", e);
        } catch (InvocationTargetException e) {
            throw DeploymentErrors.forClass(endpoint, what + " could not be created: its constructor threw "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw DeploymentErrors.forClass(endpoint, what + " could not be created: " + e, e);
        }
    }
}
