package dev.gannet.websocket.coding;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves the actual class bound to a type parameter of a generic interface by a concrete
 * class, e.g. the {@code T} of {@code MessageHandler.Whole<T>} or {@code Decoder.Text<T>},
 * following superclasses, superinterfaces and type variables bound on the way. Runs at
 * registration/deployment time only, never per message.
 */
public final class GenericTypes {

    private GenericTypes() {
    }

    /**
     * Returns the class bound to type parameter {@code index} of {@code genericInterface} as
     * implemented by {@code impl}, or {@code null} when it cannot be known at runtime (a lambda, a
     * raw implementation, or a type variable left open by the class itself).
     */
    public static Class<?> resolve(Class<?> impl, Class<?> genericInterface, int index) {
        Type found = search(impl, genericInterface, index, new HashMap<>());
        return found == null ? null : erase(found);
    }

    private static Type search(Type type, Class<?> target, int index, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = rawClass(type);
        if (raw == null) {
            return null;
        }
        Map<TypeVariable<?>, Type> local = new HashMap<>(bindings);
        if (type instanceof ParameterizedType pt) {
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = pt.getActualTypeArguments();
            for (int i = 0; i < vars.length && i < args.length; i++) {
                local.put(vars[i], substitute(args[i], bindings));
            }
        }
        if (raw == target) {
            if (!(type instanceof ParameterizedType pt)) {
                return null; // raw use: the argument is unknown
            }
            Type arg = substitute(pt.getActualTypeArguments()[index], local);
            return arg instanceof TypeVariable<?> ? null : arg;
        }
        for (Type iface : raw.getGenericInterfaces()) {
            Type r = search(iface, target, index, local);
            if (r != null) {
                return r;
            }
        }
        Type sup = raw.getGenericSuperclass();
        return sup == null ? null : search(sup, target, index, local);
    }

    private static Type substitute(Type t, Map<TypeVariable<?>, Type> bindings) {
        if (t instanceof TypeVariable<?> tv) {
            Type bound = bindings.get(tv);
            return bound == null ? tv : bound;
        }
        return t;
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType pt) {
            return (Class<?>) pt.getRawType();
        }
        return null;
    }

    private static Class<?> erase(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType pt) {
            return (Class<?>) pt.getRawType();
        }
        if (t instanceof GenericArrayType gat) {
            Class<?> component = erase(gat.getGenericComponentType());
            return component == null ? null : component.arrayType();
        }
        if (t instanceof WildcardType wt) {
            return erase(wt.getUpperBounds()[0]);
        }
        return null;
    }
}
