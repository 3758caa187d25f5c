package dev.gannet.websocket.client;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a connection goes through an HTTP proxy (tunnelled with CONNECT): the
 * {@link ClientProperties#PROXY} user property wins; otherwise {@link ProxySelector#getDefault()}
 * is asked about {@code http://} (ws) or {@code https://} (wss) with the same host and port, and
 * its first HTTP proxy is used. SOCKS proxies are not supported and are skipped.
 */
final class ProxyChoice {

    private ProxyChoice() {
    }

    /** The proxy to tunnel through, or {@code null} for a direct connection. */
    static InetSocketAddress select(URI wsUri, int port, Map<String, Object> props) {
        String configured = ClientProperties.stringValue(props, ClientProperties.PROXY);
        if (configured != null) {
            return parse(configured.strip());
        }
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return null;
        }
        String scheme = "wss".equalsIgnoreCase(wsUri.getScheme()) ? "https" : "http";
        List<Proxy> proxies = selector.select(URI.create(scheme + "://" + hostForUri(wsUri.getHost()) + ":" + port));
        for (Proxy p : proxies) {
            if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress a) {
                return a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
            }
        }
        return null;
    }

    private static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    static InetSocketAddress parse(String value) {
        if (value.isEmpty() || value.equalsIgnoreCase("DIRECT")) {
            return null;
        }
        String v = value;
        if (v.regionMatches(true, 0, "http://", 0, 7)) {
            v = v.substring(7);
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        URI u = URI.create("http://" + v);
        if (u.getHost() == null) {
            throw new IllegalArgumentException("User property " + ClientProperties.PROXY
                    + " must be host:port, http://host:port or DIRECT, not \"" + value + "\"");
        }
        return new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 80 : u.getPort());
    }
}
