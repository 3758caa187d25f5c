package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HTTP proxies (CONNECT, 407 Basic/Digest), server authentication (401 Basic/Digest), and wss. */
@Timeout(60)
class ProxyAndAuthTest {

    private static NodeWsServer echo;
    private static NodeWsServer tls;

    @BeforeAll
    static void start() throws Exception {
        if (!NodeWsServer.nodeAvailable()) {
            return; // every test is then skipped by assumeNode()
        }
        echo = NodeWsServer.start("{}");
        TestCerts certs = TestCerts.get();
        tls = NodeWsServer.start("{\"tls\":{\"pfx\":\"" + certs.p12.toString().replace("\\", "\\\\")
                + "\",\"passphrase\":\"" + TestCerts.PASSWORD + "\"}}");
    }

    @BeforeEach
    void needsNode() {
        NodeWsServer.assumeNode();
    }

    @AfterAll
    static void stop() throws Exception {
        if (echo != null) {
            echo.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    private static ClientEndpointConfig config(Map<String, Object> props) {
        ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().build();
        cec.getUserProperties().putAll(props);
        return cec;
    }

    private static void echoOnce(ClientEndpointConfig cec, URI uri) throws Exception {
        Recorder r = new Recorder();
        Session s = new GannetClientContainer().connectToServer(r, cec, uri);
        s.getBasicRemote().sendText("through " + uri);
        assertEquals("through " + uri, r.next());
        s.close();
        r.awaitClose();
    }

    @Test
    void tunnelsThroughTheConfiguredProxy() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(ConnectProxy.Auth.NONE)) {
            echoOnce(config(Map.of(ClientProperties.PROXY, "http://" + proxy.address() + "/")), echo.uri("/"));
            assertEquals(List.of("127.0.0.1:" + echo.port), proxy.tunnels);
        }
    }

    @Test
    void asksTheDefaultProxySelector() throws Exception {
        ProxySelector saved = ProxySelector.getDefault();
        try (ConnectProxy proxy = new ConnectProxy(ConnectProxy.Auth.NONE)) {
            List<URI> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
            ProxySelector.setDefault(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    asked.add(uri);
                    return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                }
            });
            echoOnce(config(Map.of()), echo.uri("/"));
            assertEquals(List.of(URI.create("http://127.0.0.1:" + echo.port)), asked);
            assertEquals(1, proxy.tunnels.size());
            // DIRECT overrides the selector
            echoOnce(config(Map.of(ClientProperties.PROXY, "DIRECT")), echo.uri("/"));
            assertEquals(1, proxy.tunnels.size());
        } finally {
            ProxySelector.setDefault(saved);
        }
    }

    @Test
    void proxyBasicAuthentication() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(ConnectProxy.Auth.BASIC)) {
            DeploymentException e = assertThrows(DeploymentException.class, () -> echoOnce(
                    config(Map.of(ClientProperties.PROXY, proxy.address())), echo.uri("/")));
            assertTrue(e.getMessage().contains("407") && e.getMessage().contains("no credentials"), e.getMessage());
            echoOnce(config(Map.of(ClientProperties.PROXY, proxy.address(),
                    ClientProperties.PROXY_USERNAME, ConnectProxy.USER,
                    ClientProperties.PROXY_PASSWORD, ConnectProxy.PASSWORD)), echo.uri("/"));
            assertEquals(1, proxy.tunnels.size());
            e = assertThrows(DeploymentException.class, () -> echoOnce(config(Map.of(
                    ClientProperties.PROXY, proxy.address(), ClientProperties.PROXY_USERNAME, ConnectProxy.USER,
                    ClientProperties.PROXY_PASSWORD, "wrong")), echo.uri("/")));
            assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
        }
    }

    @Test
    void proxyDigestAuthentication() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(ConnectProxy.Auth.DIGEST_SHA256)) {
            echoOnce(config(Map.of(ClientProperties.PROXY, proxy.address(),
                    ClientProperties.PROXY_USERNAME, ConnectProxy.USER,
                    ClientProperties.PROXY_PASSWORD, ConnectProxy.PASSWORD.toCharArray())), echo.uri("/"));
            assertEquals(1, proxy.refused.size());
            assertEquals(1, proxy.tunnels.size());
        }
    }

    @Test
    void proxyRefusalIsReported() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(ConnectProxy.Auth.REFUSE)) {
            DeploymentException e = assertThrows(DeploymentException.class, () -> echoOnce(
                    config(Map.of(ClientProperties.PROXY, proxy.address())), echo.uri("/")));
            assertTrue(e.getMessage().contains("403 Forbidden") && e.getMessage().contains("test-proxy"),
                    e.getMessage());
        }
    }

    @Test
    void serverBasicAndDigestAuthentication() throws Exception {
        String[] schemes = {
            "{\"scheme\":\"basic\"", "{\"scheme\":\"digest\",\"algorithm\":\"MD5\"",
            "{\"scheme\":\"digest\",\"algorithm\":\"SHA-256\""};
        for (String scheme : schemes) {
            try (NodeWsServer server = NodeWsServer.start("{\"auth\":" + scheme
                    + ",\"user\":\"Mufasa\",\"pass\":\"Circle of Life\"}}")) {
                DeploymentException e = assertThrows(DeploymentException.class,
                        () -> echoOnce(config(Map.of()), server.uri("/secret?x=1")));
                assertTrue(e.getMessage().contains("401 Unauthorized")
                        && e.getMessage().contains("WWW-Authenticate"), e.getMessage());
                echoOnce(config(Map.of(ClientProperties.AUTH_USERNAME, "Mufasa",
                        ClientProperties.AUTH_PASSWORD, "Circle of Life")), server.uri("/secret?x=1"));
                e = assertThrows(DeploymentException.class, () -> echoOnce(config(Map.of(
                        ClientProperties.AUTH_USERNAME, "Mufasa", ClientProperties.AUTH_PASSWORD, "nope")),
                        server.uri("/secret")));
                assertTrue(e.getMessage().contains("refused the credentials"), scheme + ": " + e.getMessage());
            }
        }
    }

    @Test
    void wssWithTheConfigsSslContext() throws Exception {
        ClientEndpointConfig cec = ClientEndpointConfig.Builder.create()
                .sslContext(TestCerts.get().clientContext).build();
        echoOnce(cec, tls.uri("/"));
    }

    @Test
    void wssWithTheUserPropertyAndThroughAProxy() throws Exception {
        echoOnce(config(Map.of(ClientProperties.SSL_CONTEXT, TestCerts.get().clientContext)), tls.uri("/"));
        try (ConnectProxy proxy = new ConnectProxy(ConnectProxy.Auth.NONE)) {
            echoOnce(config(Map.of(ClientProperties.SSL_CONTEXT, TestCerts.get().clientContext,
                    ClientProperties.PROXY, proxy.address())), tls.uri("/"));
            assertEquals(List.of("localhost:" + tls.port), proxy.tunnels);
        }
    }

    @Test
    void wssVerifiesTheHostNameUnlessDisabled() throws Exception {
        URI byIp = URI.create("wss://127.0.0.1:" + tls.port + "/");
        IOException e = assertThrows(IOException.class, () -> echoOnce(
                config(Map.of(ClientProperties.SSL_CONTEXT, TestCerts.get().clientContext)), byIp));
        assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
        echoOnce(config(Map.of(ClientProperties.SSL_CONTEXT, TestCerts.get().clientContext,
                ClientProperties.HOSTNAME_VERIFICATION, "false")), byIp);
        // The JDK's default trust store does not know the test certificate.
        assertThrows(IOException.class, () -> echoOnce(config(Map.of()), tls.uri("/")));
    }
}
