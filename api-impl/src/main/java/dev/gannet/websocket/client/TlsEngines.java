package dev.gannet.websocket.client;

import jakarta.websocket.ClientEndpointConfig;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Creates the client {@link SSLEngine} of a wss connection: the context comes from
 * {@code ClientEndpointConfig.getSSLContext()}, else the {@link ClientProperties#SSL_CONTEXT}
 * user property, else the JDK default; the host name is checked against the certificate
 * ({@code HTTPS} endpoint identification) unless {@link ClientProperties#HOSTNAME_VERIFICATION}
 * is false. SNI is sent for host names (the JDK does that for a peer host given here).
 */
final class TlsEngines {

    private TlsEngines() {
    }

    static SSLEngine create(ClientEndpointConfig config, Map<String, Object> props, String host, int port)
            throws NoSuchAlgorithmException {
        SSLContext context = config.getSSLContext();
        if (context == null) {
            Object p = props.get(ClientProperties.SSL_CONTEXT);
            if (p != null && !(p instanceof SSLContext)) {
                throw new IllegalArgumentException("User property " + ClientProperties.SSL_CONTEXT
                        + " must be a javax.net.ssl.SSLContext, not " + p.getClass().getName());
            }
            context = p != null ? (SSLContext) p : SSLContext.getDefault();
        }
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        if (ClientProperties.booleanValue(props, ClientProperties.HOSTNAME_VERIFICATION, true)) {
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
        }
        return engine;
    }
}
