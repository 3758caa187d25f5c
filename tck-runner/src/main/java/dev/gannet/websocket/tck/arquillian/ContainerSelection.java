package dev.gannet.websocket.tck.arquillian;

import java.util.Locale;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;

/**
 * Which embedded container a test JVM deploys into. Arquillian allows exactly one
 * {@link DeployableContainer} service, so the choice is made once, from a system property, before
 * Arquillian looks for it.
 */
enum ContainerSelection {
    JETTY(JettyEmbeddedContainer.class),
    TOMCAT(TomcatEmbeddedContainer.class);

    /** The system property naming the container; the build sets it from {@code -Dtck.container}. */
    static final String PROPERTY = "gannet.arquillian.container";

    private final Class<? extends DeployableContainer<?>> adapter;

    ContainerSelection(Class<? extends DeployableContainer<?>> adapter) {
        this.adapter = adapter;
    }

    Class<? extends DeployableContainer<?>> adapter() {
        return adapter;
    }

    static ContainerSelection fromSystemProperty() {
        String name = System.getProperty(PROPERTY, "jetty").trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("System property " + PROPERTY + " must be jetty or tomcat, was '"
                    + System.getProperty(PROPERTY) + "'", e);
        }
    }
}
