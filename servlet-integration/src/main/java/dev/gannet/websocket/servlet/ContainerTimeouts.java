package dev.gannet.websocket.servlet;

import dev.gannet.websocket.transport.TransportListener;
import java.util.concurrent.TimeoutException;

/**
 * Tells a container's idle timeout of the connection from a real read failure, so the engine ends
 * the session as its own idle timeout does rather than reporting an error. The only container
 * knowledge here: Jetty 12 fails the pending read of an idle upgraded connection with a
 * {@link TimeoutException} ("Idle timeout expired: 30001/30000 ms", the connector's
 * {@code idleTimeout}), as the failure itself or as the cause of an {@code IOException}, and the
 * output stays usable. Tomcat 11 never times out an upgraded connection (it sets infinite read
 * and write timeouts when it upgrades), so it never reaches here.
 */
final class ContainerTimeouts {

    /** Enough for any wrapping seen; a bound so that a cyclic cause chain cannot loop. */
    private static final int MAX_CAUSES = 8;

    private ContainerTimeouts() {
    }

    /** Whether {@code failure} is the container's idle timeout of the connection. */
    static boolean isIdleTimeout(Throwable failure) {
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Hands a terminal read failure to the engine: an idle timeout as such, anything else as an error. */
    static void deliver(TransportListener listener, Throwable failure) {
        if (isIdleTimeout(failure)) {
            listener.onIdleTimeout(failure);
        } else {
            listener.onError(failure);
        }
    }
}
