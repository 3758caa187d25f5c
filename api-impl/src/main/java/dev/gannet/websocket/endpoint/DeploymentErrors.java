package dev.gannet.websocket.endpoint;

import jakarta.websocket.DeploymentException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Builds the messages of the deployment errors, so that every one of them names the endpoint
 * class, the method when there is one, the rule broken and what would be accepted.
 */
final class DeploymentErrors {

    private DeploymentErrors() {
    }

    static DeploymentException forClass(Class<?> endpoint, String rule) {
        return new DeploymentException("Endpoint " + endpoint.getName() + ": " + rule);
    }

    static DeploymentException forClass(Class<?> endpoint, String rule, Throwable cause) {
        return new DeploymentException("Endpoint " + endpoint.getName() + ": " + rule, cause);
    }

    static DeploymentException forMethod(Class<?> endpoint, Method method, String rule) {
        return new DeploymentException("Endpoint " + endpoint.getName() + ", method "
                + describe(method) + ": " + rule);
    }

    static DeploymentException forMethod(Class<?> endpoint, Method method, String rule, Throwable cause) {
        return new DeploymentException("Endpoint " + endpoint.getName() + ", method "
                + describe(method) + ": " + rule, cause);
    }

    /** {@code Declaring.name(ParamType, ...)} with simple names: short enough to read in a log. */
    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
    }
}
