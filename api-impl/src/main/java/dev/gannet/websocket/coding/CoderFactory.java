package dev.gannet.websocket.coding;

import java.lang.reflect.InvocationTargetException;

/** Instantiates user coders through their public no-arg constructor (at session set-up, never per message). */
final class CoderFactory {

    private CoderFactory() {
    }

    static <T> T instantiate(Class<? extends T> type, String role) {
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(role + " " + type.getName()
                    + " must have a public no-arg constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(role + " " + type.getName() + " constructor failed: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot instantiate " + role + " " + type.getName() + ": " + e, e);
        }
    }
}
