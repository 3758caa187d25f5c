package dev.gannet.websocket.endpoint;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Calls one annotated method through a method handle bound at deployment. Each parameter has a
 * precomputed source (the session, the callback's payload, the partial-message flag or a path
 * parameter slot), so a call passes them directly (up to {@link #DIRECT_MAX} parameters, no
 * array per call) or in a small argument array: no reflection per message.
 */
final class Invoker {

    static final int SESSION = -1;
    /** The EndpointConfig, CloseReason, Throwable or message, depending on the annotation. */
    static final int PAYLOAD = -2;
    static final int LAST = -3;
    // Values >= 0 are indexes into the path parameter slots of the model.

    /** Methods with up to this many parameters are invoked without an argument array. */
    static final int DIRECT_MAX = 3;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private final Method method;
    private final MethodHandle handle;
    private final int[] sources;

    private Invoker(Method method, MethodHandle handle, int[] sources) {
        this.method = method;
        this.handle = handle;
        this.sources = sources;
    }

    static Invoker bind(Class<?> endpoint, Method method, int[] sources) throws DeploymentException {
        // Non-public declaring classes (a package-private superclass, a nested test class) need
        // the access check suppressed once here; the handle then keeps that access.
        method.trySetAccessible();
        MethodHandle mh;
        try {
            mh = LOOKUP.unreflect(method);
        } catch (IllegalAccessException e) {
            throw DeploymentErrors.forMethod(endpoint, method,
                    "the method is not accessible to the container; make it and its class public", e);
        }
        if (Modifier.isStatic(method.getModifiers())) {
            mh = MethodHandles.dropArguments(mh, 0, Object.class);
        }
        int n = sources.length;
        // (Object target, Object a0, ...)Object, or (Object target, Object[] args)Object beyond
        // DIRECT_MAX: unboxing of primitive parameters and void -> null are done by the handle
        // adaptation, once.
        mh = mh.asType(MethodType.genericMethodType(n + 1));
        if (n > DIRECT_MAX) {
            mh = mh.asSpreader(Object[].class, n);
        }
        return new Invoker(method, mh, sources.clone());
    }

    Method method() {
        return method;
    }

    int[] sources() {
        return sources.clone();
    }

    /** Invokes the method; whatever the method throws is thrown unchanged. */
    Object invoke(Object target, Session session, Object payload, boolean last, Object[] pathValues)
            throws Throwable {
        int[] src = sources;
        switch (src.length) {
            case 0:
                return (Object) handle.invokeExact(target);
            case 1:
                return (Object) handle.invokeExact(target, arg(src[0], session, payload, last, pathValues));
            case 2:
                return (Object) handle.invokeExact(target, arg(src[0], session, payload, last, pathValues),
                        arg(src[1], session, payload, last, pathValues));
            case 3:
                return (Object) handle.invokeExact(target, arg(src[0], session, payload, last, pathValues),
                        arg(src[1], session, payload, last, pathValues), arg(src[2], session, payload, last, pathValues));
            default:
                Object[] args = new Object[src.length];
                for (int i = 0; i < src.length; i++) {
                    args[i] = arg(src[i], session, payload, last, pathValues);
                }
                return (Object) handle.invokeExact(target, args);
        }
    }

    private static Object arg(int source, Session session, Object payload, boolean last, Object[] pathValues) {
        return switch (source) {
            case SESSION -> session;
            case PAYLOAD -> payload;
            case LAST -> last;
            default -> pathValues[source];
        };
    }

    @Override
    public String toString() {
        return DeploymentErrors.describe(method);
    }
}
