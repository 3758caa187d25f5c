package dev.gannet.websocket.tck.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Arquillian extension that registers the embedded container adapter chosen by the system property
 * {@value ContainerSelection#PROPERTY} ({@code jetty}, the default, or {@code tomcat}). Loaded by
 * Arquillian through {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 */
public final class GannetContainersExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        register(builder, ContainerSelection.fromSystemProperty().adapter());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(ExtensionBuilder builder, Class<? extends DeployableContainer<?>> adapter) {
        builder.service(DeployableContainer.class, (Class) adapter);
    }
}
