package dev.gannet.websocket.servlet.jetty;

import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * An {@link HttpConnectionFactory} for embedded Jetty 12.1 that makes the portable
 * {@code HttpServletRequest.upgrade} work for requests without a body, such as every WebSocket
 * handshake. Use it in place of the default factory on the connector; the rest of Gannet uses
 * only the servlet API. Needed on Jetty 12.1.12, 12.1.13 and 12.1.14 (ee11; the newest versions
 * checked), harmless elsewhere; a stock Jetty deploying a WAR cannot be fixed from inside it.
 *
 * <p>Why: when a request has no body, Jetty's parser completes the message before the request
 * is dispatched and the request's content source caches an end-of-content marker; after
 * {@code upgrade()} starts the tunnel, the servlet input stream still reports end of stream
 * ({@code onAllDataRead} at once, {@code read()} returns -1 for good), so the upgraded connection
 * is useless. A client that sends bytes in the same packet as its request is not affected, which
 * is why Jetty's own upgrade tests pass. No portable workaround exists (reading the request
 * first, upgrading from a servlet, registering the listener later, re-polling and blocking reads
 * were all measured); see {@code docs/servlet-containers.md} for the reproduction and the
 * upstream report. This factory tells the parser that a request carrying an {@code Upgrade}
 * header may have content, which skips the parse-ahead; nothing else changes.
 */
public final class UpgradeFriendlyHttpConnectionFactory extends HttpConnectionFactory {

    /** A factory with the given HTTP configuration. */
    public UpgradeFriendlyHttpConnectionFactory(HttpConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new UpgradeAwareConnection(getHttpConfiguration(), connector, endPoint);
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }

    private static final class UpgradeAwareConnection extends HttpConnection {
        // Assigned from the super constructor (through newRequestHandler), so no initialisers.
        private RequestHandler handler;
        private boolean upgradeRequested;

        UpgradeAwareConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
            super(configuration, connector, endPoint);
        }

        @Override
        protected RequestHandler newRequestHandler() {
            handler = new RequestHandler() {
                @Override
                public void startRequest(String method, String uri, HttpVersion version) {
                    upgradeRequested = false;
                    super.startRequest(method, uri, version);
                }

                @Override
                public void parsedHeader(HttpField field) {
                    if (field.getHeader() == HttpHeader.UPGRADE) {
                        upgradeRequested = true;
                    }
                    super.parsedHeader(field);
                }
            };
            return handler;
        }

        @Override
        protected HttpParser newHttpParser(HttpCompliance compliance) {
            HttpParser parser = new HttpParser(handler, getHttpConfiguration().getRequestHeaderSize(), compliance) {
                @Override
                public boolean hasContent() {
                    return super.hasContent() || upgradeRequested;
                }
            };
            parser.setHeaderCacheSize(getHttpConfiguration().getHeaderCacheSize());
            parser.setHeaderCacheCaseSensitive(getHttpConfiguration().isHeaderCacheCaseSensitive());
            return parser;
        }
    }
}
