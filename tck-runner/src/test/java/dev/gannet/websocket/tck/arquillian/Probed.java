package dev.gannet.websocket.tck.arquillian;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks classes of a test WAR for {@link ProbeInitializer}, the way {@code @ServerEndpoint} marks
 * endpoints for Gannet's initializer. Lives on the container class path only, never in a WAR.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Probed {

    /** When true the initializer rejects the application, as Gannet rejects an invalid endpoint. */
    boolean rejectDeployment() default false;
}
