package dev.gannet.websocket.tck.arquillian;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * Settings shared by the embedded Jetty and Tomcat adapters: the address the HTTP connector binds
 * to (and that deployed URLs name) and its port, where 0, the default, picks a free port so that
 * parallel builds never collide; for Jetty, the connector's HTTP connection factory (see
 * {@link JettyConnectionFactories}). Arquillian fills it from the {@code container} section of an
 * {@code arquillian.xml} when one is present; none is needed.
 */
public final class EmbeddedContainerConfiguration implements ContainerConfiguration {

    private String bindAddress = "localhost";
    private int port;
    private String httpConnectionFactory = "";

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    /** Jetty only: the class name of the connector's HTTP connection factory; blank for the default. */
    public String getHttpConnectionFactory() {
        return httpConnectionFactory;
    }

    public void setHttpConnectionFactory(String httpConnectionFactory) {
        this.httpConnectionFactory = httpConnectionFactory;
    }

    @Override
    public void validate() throws ConfigurationException {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new ConfigurationException("bindAddress must name a host, e.g. localhost");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("port must be 0 (any free port) or 1-65535, was " + port);
        }
    }
}
