package dev.gannet.websocket.tck.arquillian;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * Picks the HTTP/1.1 connection factory of the embedded Jetty connector. Gannet ships one for
 * embedded Jetty 12.1 that makes {@code HttpServletRequest.upgrade} work for body-less requests
 * such as WebSocket handshakes; the adapter uses it by name when it is on the class path, so this
 * module compiles and its adapter tests run whether or not that class exists yet.
 */
final class JettyConnectionFactories {

    /** The factory used when the configuration names none. */
    static final String GANNET_FACTORY = "dev.gannet.websocket.servlet.jetty.UpgradeFriendlyHttpConnectionFactory";

    private static final Logger LOG = System.getLogger(JettyConnectionFactories.class.getName());

    private JettyConnectionFactories() {
    }

    /**
     * An instance of {@code className} (a subclass of {@link HttpConnectionFactory} with a constructor
     * taking an {@link HttpConfiguration}), or Jetty's own factory when {@code className} is blank or
     * is the default and absent. A factory named explicitly must exist.
     */
    static HttpConnectionFactory create(String className, HttpConfiguration configuration) {
        String name = className == null || className.isBlank() ? GANNET_FACTORY : className.trim();
        Class<?> type;
        try {
            type = Class.forName(name, true, JettyConnectionFactories.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            if (!name.equals(GANNET_FACTORY)) {
                throw new IllegalArgumentException("httpConnectionFactory " + name + " is not on the class path", e);
            }
            LOG.log(Level.INFO, "{0} not on the class path; using Jetty''s HttpConnectionFactory", name);
            return new HttpConnectionFactory(configuration);
        }
        try {
            return type.asSubclass(HttpConnectionFactory.class)
                    .getConstructor(HttpConfiguration.class)
                    .newInstance(configuration);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("httpConnectionFactory " + name
                    + " must extend HttpConnectionFactory and have a public (HttpConfiguration) constructor", e);
        }
    }
}
