package dev.gannet.websocket.endpoint;

import java.util.Map;

/** Java primitives, their boxes, and parsing as the boxes' one-String constructors do. */
final class Primitives {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class, byte.class, Byte.class, short.class, Short.class,
            char.class, Character.class, int.class, Integer.class, long.class, Long.class,
            float.class, Float.class, double.class, Double.class);

    private Primitives() {
    }

    static boolean isBox(Class<?> type) {
        return BOXES.containsValue(type);
    }

    static boolean isPrimitiveOrBox(Class<?> type) {
        return type.isPrimitive() && type != void.class || isBox(type);
    }

    static Class<?> box(Class<?> type) {
        return type.isPrimitive() ? BOXES.get(type) : type;
    }

    /**
     * Same result as {@code new Box(s)}; Character has no such constructor, so a one-character
     * string is the only sensible reading there.
     */
    static Object parse(Class<?> box, String s) {
        if (box == Integer.class) {
            return Integer.valueOf(s);
        } else if (box == Long.class) {
            return Long.valueOf(s);
        } else if (box == Boolean.class) {
            return Boolean.valueOf(s);
        } else if (box == Double.class) {
            return Double.valueOf(s);
        } else if (box == Float.class) {
            return Float.valueOf(s);
        } else if (box == Short.class) {
            return Short.valueOf(s);
        } else if (box == Byte.class) {
            return Byte.valueOf(s);
        } else if (box == Character.class) {
            if (s.length() != 1) {
                throw new IllegalArgumentException("not a single character: '" + s + "'");
            }
            return s.charAt(0);
        }
        throw new IllegalArgumentException("not a box type: " + box);
    }
}
