package dev.gannet.websocket.endpoint;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameter rules of {@code @OnOpen}, {@code @OnClose} and {@code @OnError} (spec 4.4-4.6)
 * and the parameter sources they produce, plus the checks every annotated method shares. The
 * distinct path parameters met on the way are collected into slots shared by all methods.
 */
final class MethodRules {

    static final String PATH_PARAM_RULE =
            "@PathParam parameters of type String, a Java primitive or its box";

    final Class<?> endpoint;
    final boolean server;
    private final List<PathParamSlot> slots = new ArrayList<>();

    MethodRules(Class<?> endpoint, boolean server) {
        this.endpoint = endpoint;
        this.server = server;
    }

    List<PathParamSlot> slots() {
        return List.copyOf(slots);
    }

    /** Builds the invoker of a lifecycle method after checking its parameters. */
    Invoker lifecycle(Method m, Class<? extends Annotation> annotation) throws DeploymentException {
        requirePublic(m, annotation);
        Class<?>[] types = m.getParameterTypes();
        int[] sources = new int[types.length];
        boolean session = false;
        boolean payload = false;
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            PathParam pp = pathParam(m, i);
            if (pp != null) {
                sources[i] = pathSlot(m, annotation, i, pp);
            } else if (t == Session.class) {
                session = requireSingle(m, annotation, session, "Session");
                sources[i] = Invoker.SESSION;
            } else if (isPayload(annotation, t)) {
                payload = requireSingle(m, annotation, payload, payloadName(annotation));
                sources[i] = Invoker.PAYLOAD;
            } else {
                throw DeploymentErrors.forMethod(endpoint, m, "@" + annotation.getSimpleName() + " parameter "
                        + (i + 1) + " of type " + t.getName() + " is not allowed; accepted: "
                        + accepted(annotation));
            }
        }
        if (annotation == OnError.class && !payload) {
            throw DeploymentErrors.forMethod(endpoint, m,
                    "@OnError requires a Throwable parameter; accepted: " + accepted(annotation));
        }
        return Invoker.bind(endpoint, m, sources);
    }

    private boolean isPayload(Class<? extends Annotation> annotation, Class<?> t) {
        if (annotation == OnOpen.class) {
            // EndpointConfig, or the side's own subtype (what the container actually passes).
            Class<?> actual = server ? ServerEndpointConfig.class : ClientEndpointConfig.class;
            return EndpointConfig.class.isAssignableFrom(t) && t.isAssignableFrom(actual);
        }
        if (annotation == OnClose.class) {
            return t == CloseReason.class;
        }
        // @OnError: exactly Throwable, since any error may be passed (spec 4.6).
        return annotation == OnError.class && t == Throwable.class;
    }

    private static String payloadName(Class<? extends Annotation> annotation) {
        return annotation == OnOpen.class ? "EndpointConfig" : annotation == OnClose.class ? "CloseReason" : "Throwable";
    }

    private static String accepted(Class<? extends Annotation> annotation) {
        if (annotation == OnError.class) {
            return "a Throwable (mandatory), an optional Session and " + PATH_PARAM_RULE;
        }
        return "an optional Session, an optional " + payloadName(annotation) + " and " + PATH_PARAM_RULE;
    }

    boolean requireSingle(Method m, Class<? extends Annotation> annotation, boolean seen, String what)
            throws DeploymentException {
        if (seen) {
            throw DeploymentErrors.forMethod(endpoint, m, "@" + annotation.getSimpleName()
                    + " method has more than one " + what + " parameter; at most one is accepted");
        }
        return true;
    }

    void requirePublic(Method m, Class<? extends Annotation> annotation) throws DeploymentException {
        if (!Modifier.isPublic(m.getModifiers())) {
            throw DeploymentErrors.forMethod(endpoint, m, "@" + annotation.getSimpleName()
                    + " method is not public; annotated methods must be public");
        }
    }

    static PathParam pathParam(Method m, int index) {
        for (Annotation a : m.getParameterAnnotations()[index]) {
            if (a instanceof PathParam pp) {
                return pp;
            }
        }
        return null;
    }

    /** Checks a {@code @PathParam} parameter (spec 4.3) and returns its slot index. */
    int pathSlot(Method m, Class<? extends Annotation> annotation, int index, PathParam pp)
            throws DeploymentException {
        Class<?> t = m.getParameterTypes()[index];
        if (!PathParamSlot.isAllowedType(t)) {
            throw DeploymentErrors.forMethod(endpoint, m, "@PathParam(\"" + pp.value() + "\") parameter "
                    + (index + 1) + " of @" + annotation.getSimpleName() + " has type " + t.getName()
                    + "; accepted: String, a Java primitive or its box");
        }
        String name = variableName(pp.value());
        if (name.isEmpty()) {
            throw DeploymentErrors.forMethod(endpoint, m, "@PathParam on parameter " + (index + 1)
                    + " has an empty name; the name of a URI template variable is required");
        }
        PathParamSlot slot = new PathParamSlot(name, t);
        int at = slots.indexOf(slot);
        if (at < 0) {
            slots.add(slot);
            at = slots.size() - 1;
        }
        return at;
    }

    /**
     * The template variable a {@code @PathParam} value names. Written as in the template,
     * {@code "{room}"} names the variable {@code room}: braces are not allowed in a variable
     * name, so the value cannot mean anything else, and it is a common way of writing it.
     */
    static String variableName(String value) {
        if (value == null) {
            return "";
        }
        if (value.length() >= 2 && value.charAt(0) == '{' && value.charAt(value.length() - 1) == '}') {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
