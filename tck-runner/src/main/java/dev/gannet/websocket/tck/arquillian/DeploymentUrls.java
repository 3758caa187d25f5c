package dev.gannet.websocket.tck.arquillian;

import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;

/**
 * Builds what Arquillian injects as the deployment's {@code @ArquillianResource URL}. Both adapters
 * return it for failed deployments too: the TCK's negative-deployment tests need the URL to check
 * that nothing of the failed application answers there.
 */
final class DeploymentUrls {

    private DeploymentUrls() {
    }

    static ProtocolMetaData of(String host, int port, String contextPath) {
        HTTPContext http = new HTTPContext(host, port);
        // The servlet name is never used for testable=false deployments; the context root is.
        http.add(new Servlet("default", contextPath.isEmpty() ? "/" : contextPath));
        return new ProtocolMetaData().addContext(http);
    }
}
