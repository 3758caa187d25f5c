package dev.gannet.websocket.servlet;

import java.util.Locale;

/**
 * How a container re-arms {@code onDataAvailable}, which decides which thread may read. The
 * servlet specification says a {@code false} from {@code isReady()} arms the next call, from any
 * thread; Jetty does so ({@link #PROBE}). Tomcat's upgraded streams instead re-arm after every
 * {@code onDataAvailable} returns and fill their socket buffer on the container thread without
 * any lock another thread could share, so a non-container thread asking {@code isReady()} there
 * races with the container and a {@code false} it gets arms nothing ({@link #CONTAINER}).
 */
enum ReadArming {
    /** Any thread may call {@code isReady()}; {@code false} arms {@code onDataAvailable}. */
    PROBE,
    /** Only the container's thread may touch the socket; it calls {@code onDataAvailable} again by itself. */
    CONTAINER;

    /** The init parameter's value if given, else what the container is known to need. */
    static ReadArming choose(String configured, String serverInfo) {
        if (configured != null) {
            try {
                return valueOf(configured.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ServletSettings.READ_ARMING + " must be probe or container, not \""
                        + configured + "\"", e);
            }
        }
        return serverInfo != null && serverInfo.contains("Tomcat") ? CONTAINER : PROBE;
    }
}
