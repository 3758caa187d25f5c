package dev.gannet.websocket.client;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;

/**
 * Opens a WebSocket connection up to a validated 101: TCP connect (bounded by the connect
 * timeout), the proxy tunnel, TLS, the upgrade exchange and its validation (together bounded
 * by the handshake timeout). A 401 or 407 is answered once with the configured credentials
 * (again only when a Digest nonce went stale), on a fresh connection. Runs on the caller's
 * thread, which blocks; the I/O itself runs on the selector loops.
 */
final class Connector {

    private static final System.Logger LOG = System.getLogger(Connector.class.getName());
    private static final int MAX_ATTEMPTS = 5;

    /** An upgraded connection, ready for a session. */
    record Connected(NioTransport transport, HttpResponse response, HandshakeValidator.Negotiated negotiated) {
    }

    private final ClientRuntime runtime;

    Connector(ClientRuntime runtime) {
        this.runtime = runtime;
    }

    /** {@code props}: the settings in force (the config's user properties over the container's defaults). */
    Connected connect(URI uri, ClientEndpointConfig config, Map<String, Object> props)
            throws DeploymentException, IOException {
        boolean secure = checkUri(uri);
        String host = uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        long connectTimeout = ClientProperties.longValue(props, ClientProperties.CONNECT_TIMEOUT,
                ClientProperties.DEFAULT_CONNECT_TIMEOUT);
        long handshakeTimeout = ClientProperties.longValue(props, ClientProperties.HANDSHAKE_TIMEOUT,
                ClientProperties.DEFAULT_HANDSHAKE_TIMEOUT);
        int maxHead = ClientProperties.sizeValue(props, ClientProperties.MAX_RESPONSE_HEAD_SIZE,
                ClientProperties.DEFAULT_MAX_RESPONSE_HEAD_SIZE);
        int readBuffer = ClientProperties.sizeValue(props, ClientProperties.READ_BUFFER_SIZE,
                ClientProperties.DEFAULT_READ_BUFFER_SIZE);
        InetSocketAddress proxy = ProxyChoice.select(uri, port, props);
        Credentials serverCredentials = Credentials.of(props, ClientProperties.AUTH_USERNAME,
                ClientProperties.AUTH_PASSWORD);
        Credentials proxyCredentials = Credentials.of(props, ClientProperties.PROXY_USERNAME,
                ClientProperties.PROXY_PASSWORD);

        ClientUpgradeRequest request = new ClientUpgradeRequest(uri, config);
        try {
            if (config.getConfigurator() != null) {
                config.getConfigurator().beforeRequest(request.headers());
            }
        } catch (RuntimeException e) {
            throw new DeploymentException("ClientEndpointConfig.Configurator.beforeRequest failed for " + uri, e);
        }
        String authorityForConnect = hostInUri(host) + ":" + port;
        HttpAuthenticator serverAuth = new HttpAuthenticator();
        HttpAuthenticator proxyAuth = new HttpAuthenticator();
        String authorization = null;
        String proxyAuthorization = null;
        for (int attempt = 1; ; attempt++) {
            NioTransport transport = proxy != null
                    ? openConnected(proxy.getHostString(), proxy.getPort(), readBuffer, connectTimeout, uri)
                    : openConnected(host, port, readBuffer, connectTimeout, uri);
            boolean handedOver = false;
            try {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                        handshakeTimeout > 0 ? handshakeTimeout : TimeUnit.DAYS.toMillis(1));
                if (proxy != null) {
                    HttpResponse r = HttpExchange.exchange(transport, connectHead(authorityForConnect,
                            proxyAuthorization), maxHead, deadline, "the proxy " + proxy + " to CONNECT");
                    if (r.status() == 407) {
                        HttpAuthenticator.Answer a = proxyAuth.answer(AuthChallenge.parse(
                                r.values("Proxy-Authenticate")), proxyCredentials, "CONNECT", authorityForConnect);
                        if (a.headerValue() == null || attempt >= MAX_ATTEMPTS
                                || proxyAuthorization != null && !a.stale()) {
                            throw new DeploymentException("The proxy " + proxy + " requires authentication for "
                                    + uri + (a.problem() != null ? " and " + a.problem() : " and refused the credentials")
                                    + "; it answered " + r.describe("Proxy-Authenticate"));
                        }
                        proxyAuthorization = a.headerValue();
                        continue;
                    }
                    if (r.status() / 100 != 2) {
                        throw new DeploymentException("The proxy " + proxy + " refused to tunnel to "
                                + authorityForConnect + ": it answered " + r.describe("Server", "Content-Type"));
                    }
                }
                if (secure) {
                    // URI.getHost() keeps an IPv6 literal's brackets; TLS wants the bare address.
                    String tlsHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                    startTls(transport, config, props, tlsHost, port, deadline, uri);
                }
                HttpResponse r = HttpExchange.exchange(transport, request.render(authorization), maxHead, deadline,
                        "the WebSocket handshake response from " + uri);
                if (r.status() == 401) {
                    HttpAuthenticator.Answer a = serverAuth.answer(AuthChallenge.parse(
                            r.values("WWW-Authenticate")), serverCredentials, "GET", request.target());
                    if (a.headerValue() == null || attempt >= MAX_ATTEMPTS || authorization != null && !a.stale()) {
                        throw HandshakeValidator.fail(uri, r, "the server requires authentication"
                                + (a.problem() != null ? " and " + a.problem() : " and refused the credentials"));
                    }
                    authorization = a.headerValue();
                    request.renewKey();
                    continue;
                }
                try {
                    if (config.getConfigurator() != null) {
                        config.getConfigurator().afterResponse(r);
                    }
                } catch (RuntimeException e) {
                    throw new DeploymentException("ClientEndpointConfig.Configurator.afterResponse failed for "
                            + uri, e);
                }
                HandshakeValidator.Negotiated n = HandshakeValidator.validate(uri, request, r);
                handedOver = true;
                return new Connected(transport, r, n);
            } finally {
                if (!handedOver) {
                    transport.abort();
                }
            }
        }
    }

    private static String hostInUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static boolean checkUri(URI uri) throws DeploymentException {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))) {
            throw new DeploymentException("Cannot connect to " + uri + ": the scheme must be ws or wss");
        }
        if (uri.getHost() == null) {
            throw new DeploymentException("Cannot connect to " + uri + ": the URI has no host");
        }
        if (uri.getRawFragment() != null) {
            throw new DeploymentException("Cannot connect to " + uri + ": a WebSocket URI must not have a fragment");
        }
        return scheme.equalsIgnoreCase("wss");
    }

    /** Tries each address of {@code host} in turn (IPv6 and IPv4, say), each with the connect timeout. */
    private NioTransport openConnected(String host, int port, int readBuffer, long timeoutMillis, URI uri)
            throws IOException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("Cannot resolve " + host + " (connecting to " + uri + ")");
        }
        IOException failure = null;
        for (InetAddress a : addresses) {
            try {
                return openConnected(new InetSocketAddress(a, port), readBuffer, timeoutMillis, uri);
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure;
    }

    private NioTransport openConnected(InetSocketAddress target, int readBuffer, long timeoutMillis, URI uri)
            throws IOException {
        if (target.isUnresolved()) {
            throw new UnknownHostException("Cannot resolve " + target.getHostString());
        }
        CompletableFuture<Void> connected = new CompletableFuture<>();
        NioTransport t = NioTransport.open(runtime, target, readBuffer, connected);
        long wait = timeoutMillis > 0 ? timeoutMillis : TimeUnit.DAYS.toMillis(1);
        HttpExchange.await(connected, t, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait),
                "the TCP connection to " + target + (target.getPort() != uri.getPort() ? " (for " + uri + ")" : ""));
        LOG.log(Level.DEBUG, "Connected to {0} for {1}", target, uri);
        return t;
    }

    private static void startTls(NioTransport transport, ClientEndpointConfig config, Map<String, Object> props,
            String host, int port, long deadline, URI uri) throws IOException, DeploymentException {
        SSLEngine engine;
        try {
            engine = TlsEngines.create(config, props, host, port);
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            throw new DeploymentException("Cannot set up TLS for " + uri + ": " + e.getMessage(), e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        transport.startTls(engine, done);
        HttpExchange.await(done, transport, deadline, "the TLS handshake with " + uri);
    }

    private static String connectHead(String authority, String proxyAuthorization) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("CONNECT ").append(authority).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(authority).append("\r\n");
        if (proxyAuthorization != null) {
            sb.append("Proxy-Authorization: ").append(proxyAuthorization).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }
}
