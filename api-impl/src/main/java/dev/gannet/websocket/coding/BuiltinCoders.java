package dev.gannet.websocket.coding;

import jakarta.websocket.DecodeException;
import java.util.Map;

/**
 * The coders every implementation must have (spec §4.1.2/4.1.3): Java primitives and their boxes
 * are sent and received as text, using their {@code toString} form and the matching
 * {@code valueOf}/{@code parse} method.
 */
public final class BuiltinCoders {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class, byte.class, Byte.class, short.class, Short.class,
            char.class, Character.class, int.class, Integer.class, long.class, Long.class,
            float.class, Float.class, double.class, Double.class);

    private BuiltinCoders() {
    }

    /** The box of a primitive class, or the class itself. */
    public static Class<?> box(Class<?> type) {
        Class<?> boxed = BOXES.get(type);
        return boxed == null ? type : boxed;
    }

    /** Whether {@code type} (primitive or box) is decoded from text by a built-in decoder. */
    public static boolean isPrimitiveOrBox(Class<?> type) {
        return BOXES.containsKey(type) || BOXES.containsValue(type);
    }

    /**
     * Decodes {@code text} into the box of {@code type} (a primitive or box class).
     *
     * @throws DecodeException when the text is not a valid value of that type
     */
    public static Object decodePrimitive(Class<?> type, String text) throws DecodeException {
        Class<?> boxed = box(type);
        try {
            if (boxed == Integer.class) {
                return Integer.valueOf(text);
            } else if (boxed == Long.class) {
                return Long.valueOf(text);
            } else if (boxed == Boolean.class) {
                return Boolean.valueOf(text);
            } else if (boxed == Double.class) {
                return Double.valueOf(text);
            } else if (boxed == Float.class) {
                return Float.valueOf(text);
            } else if (boxed == Short.class) {
                return Short.valueOf(text);
            } else if (boxed == Byte.class) {
                return Byte.valueOf(text);
            } else if (boxed == Character.class) {
                // Character has no one-String constructor to follow (spec 4.7); its text form
                // starts with the character, so the first one is the value. Nothing is no char.
                if (text.isEmpty()) {
                    throw new DecodeException(text, "An empty text message cannot be decoded as a char");
                }
                return text.charAt(0);
            }
        } catch (NumberFormatException e) {
            throw new DecodeException(text, "Cannot decode \"" + abbreviate(text) + "\" as "
                    + boxed.getSimpleName(), e);
        }
        throw new IllegalArgumentException("Not a primitive or box type: " + type.getName());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
