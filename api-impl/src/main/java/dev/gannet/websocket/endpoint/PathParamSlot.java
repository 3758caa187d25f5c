package dev.gannet.websocket.endpoint;

import jakarta.websocket.DecodeException;
import java.util.Map;

/**
 * One distinct {@code @PathParam} (name, declared type) of an endpoint. Methods that declare the
 * same name with the same type share the slot, so each value is converted once per session.
 */
record PathParamSlot(String name, Class<?> type) {

    private static final Map<Class<?>, Object> ZEROS = Map.of(
            boolean.class, false, byte.class, (byte) 0, short.class, (short) 0, char.class, '\0',
            int.class, 0, long.class, 0L, float.class, 0f, double.class, 0d);

    static boolean isAllowedType(Class<?> type) {
        return type == String.class || type.isPrimitive() && type != void.class || Primitives.isBox(type);
    }

    /**
     * Spec 4.3: the value a primitive or box gets is what its one-String constructor would make.
     * A missing value is {@code null} for a String or a box; a primitive cannot be null, so there
     * it is a decoding failure like any other.
     */
    Object convert(String segment) throws DecodeException {
        if (segment == null) {
            if (type.isPrimitive()) {
                throw new DecodeException((String) null, "Path parameter '" + name
                        + "' is not in the request path, and a " + type.getName() + " cannot be null");
            }
            return null;
        }
        if (type == String.class) {
            return segment;
        }
        try {
            return Primitives.parse(Primitives.box(type), segment);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(segment, "Path parameter '" + name + "' value '" + segment
                    + "' cannot be converted to " + type.getName(), e);
        }
    }

    /** What a parameter gets when its conversion failed: null, or zero for a primitive. */
    Object fallback() {
        return ZEROS.get(type);
    }
}
