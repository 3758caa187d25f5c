package dev.gannet.websocket.endpoint;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the class bound to the first type parameter of a generic interface (the T of
 * {@code Decoder.Text<T>}) for a concrete coder class, following type variables through
 * superclasses and superinterfaces. Kept minimal on purpose: the coding package owns the general
 * resolution; this is only what deployment validation of coder lists needs.
 */
final class TypeArguments {

    private TypeArguments() {
    }

    /**
     * The erased type argument of {@code target} as implemented by {@code impl}; {@code null} if
     * {@code impl} does not implement {@code target}; {@code Object.class} when it is used raw.
     */
    static Class<?> firstArgument(Class<?> impl, Class<?> target) {
        if (!target.isAssignableFrom(impl)) {
            return null;
        }
        Type found = search(impl, target, Map.of());
        return found == null ? Object.class : erase(found);
    }

    private static Type search(Type type, Class<?> target, Map<TypeVariable<?>, Type> outer) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType p) {
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length; i++) {
                Type arg = args[i];
                bindings.put(vars[i], arg instanceof TypeVariable<?> v && outer.containsKey(v) ? outer.get(v) : arg);
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
        } else {
            return null;
        }
        if (raw == target) {
            // A raw use of the target leaves its variable unbound: the caller reads that as Object.
            return bindings.get(target.getTypeParameters()[0]);
        }
        for (Type itf : raw.getGenericInterfaces()) {
            if (target.isAssignableFrom(erase(itf))) {
                return search(itf, target, bindings);
            }
        }
        Type sup = raw.getGenericSuperclass();
        return sup != null && target.isAssignableFrom(erase(sup)) ? search(sup, target, bindings) : null;
    }

    static Class<?> erase(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType g) {
            return erase(g.getGenericComponentType()).arrayType();
        }
        if (type instanceof TypeVariable<?> v) {
            return erase(v.getBounds()[0]);
        }
        if (type instanceof WildcardType w) {
            return erase(w.getUpperBounds()[0]);
        }
        return Object.class;
    }
}
