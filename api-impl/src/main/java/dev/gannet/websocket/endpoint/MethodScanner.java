package dev.gannet.websocket.endpoint;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the methods that carry WebSocket method annotations for an endpoint class, applying the
 * inheritance rule of spec 4.8: method annotations are not inherited by overriding methods. An
 * annotated method declared by a superclass is part of the endpoint unless a subclass overrides
 * it, in which case only the overriding method counts, and only if it is annotated itself.
 * Interfaces are not searched: their methods are never the endpoint's declared callbacks.
 */
final class MethodScanner {

    private MethodScanner() {
    }

    static boolean isAnnotated(Method m) {
        return m.isAnnotationPresent(OnOpen.class) || m.isAnnotationPresent(OnClose.class)
                || m.isAnnotationPresent(OnError.class) || m.isAnnotationPresent(OnMessage.class);
    }

    /** Annotated methods, most derived class first, in a stable order within each class. */
    static List<Method> annotatedMethods(Class<?> endpoint) {
        List<Method> found = new ArrayList<>();
        // Signatures declared lower in the hierarchy: a superclass method with one of them is overridden.
        Set<String> overridden = new HashSet<>();
        for (Class<?> c = endpoint; c != null && c != Object.class; c = c.getSuperclass()) {
            Method[] declared = c.getDeclaredMethods();
            Arrays.sort(declared, Comparator.comparing(MethodScanner::signature));
            List<String> declaredHere = new ArrayList<>();
            for (Method m : declared) {
                String sig = signature(m);
                boolean private_ = Modifier.isPrivate(m.getModifiers());
                if (!private_) {
                    // Bridges count too: they are how javac overrides a generic superclass method.
                    declaredHere.add(sig);
                }
                if (m.isSynthetic() || m.isBridge() || overridden.contains(sig) && !private_) {
                    continue;
                }
                if (isAnnotated(m)) {
                    found.add(m);
                }
            }
            overridden.addAll(declaredHere);
        }
        return found;
    }

    private static String signature(Method m) {
        StringBuilder b = new StringBuilder(m.getName()).append('(');
        for (Class<?> p : m.getParameterTypes()) {
            b.append(p.getName()).append(';');
        }
        return b.append(')').toString();
    }
}
