package dev.gannet.websocket.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.DecodeException;
import org.junit.jupiter.api.Test;

/** Spec 4.3: conversions as the boxes' String constructors do them, and the failures. */
class PathParamSlotTest {

    private static Object convert(Class<?> type, String value) throws DecodeException {
        return new PathParamSlot("p", type).convert(value);
    }

    @Test
    void convertsEveryPrimitiveAndBox() throws Exception {
        assertEquals("abc", convert(String.class, "abc"));
        assertEquals(42, convert(int.class, "42"));
        assertEquals(-42, convert(Integer.class, "-42"));
        assertEquals(1L << 40, convert(long.class, String.valueOf(1L << 40)));
        assertEquals((short) 7, convert(Short.class, "7"));
        assertEquals((byte) -8, convert(byte.class, "-8"));
        assertEquals(1.5f, convert(float.class, "1.5"));
        assertEquals(2.25d, convert(Double.class, "2.25"));
        assertEquals(true, convert(boolean.class, "TRUE"));
        // Boolean(String) is false for anything but "true", ignoring case: never an error.
        assertEquals(false, convert(Boolean.class, "yes"));
        assertEquals('x', convert(char.class, "x"));
    }

    @Test
    void failuresAreDecodeExceptionsNamingParameterAndValue() {
        DecodeException e = assertThrows(DecodeException.class, () -> convert(int.class, "abc"));
        assertEquals("abc", e.getText());
        assertTrue(e.getMessage().contains("'p'") && e.getMessage().contains("int"), e.getMessage());
        assertThrows(DecodeException.class, () -> convert(Byte.class, "300"));
        assertThrows(DecodeException.class, () -> convert(Character.class, "xy"));
        assertThrows(DecodeException.class, () -> convert(double.class, ""));
    }

    @Test
    void missingValueIsNullExceptForPrimitives() throws Exception {
        assertNull(convert(String.class, null));
        assertNull(convert(Long.class, null));
        DecodeException e = assertThrows(DecodeException.class, () -> convert(long.class, null));
        assertTrue(e.getMessage().contains("cannot be null"), e.getMessage());
    }

    @Test
    void fallbacksAreNullOrZero() {
        assertNull(new PathParamSlot("p", Integer.class).fallback());
        assertNull(new PathParamSlot("p", String.class).fallback());
        assertEquals(0, new PathParamSlot("p", int.class).fallback());
        assertEquals(false, new PathParamSlot("p", boolean.class).fallback());
        assertEquals('\0', new PathParamSlot("p", char.class).fallback());
    }
}
