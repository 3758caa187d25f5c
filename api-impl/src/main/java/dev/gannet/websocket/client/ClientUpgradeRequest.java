package dev.gannet.websocket.client;

import dev.gannet.websocket.protocol.ExtensionHeader;
import dev.gannet.websocket.protocol.ExtensionOffer;
import dev.gannet.websocket.protocol.HandshakeKeys;
import dev.gannet.websocket.protocol.PerMessageDeflate;
import dev.gannet.websocket.session.WebSocketExtension;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Extension;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's opening handshake request (RFC 6455 §4.1): the header map the
 * {@code Configurator.beforeRequest} may edit, and its rendering as an HTTP/1.1 request head.
 * What the response is checked against (key, subprotocols, extensions) is read back from the
 * map after the configurator ran, so a configurator that changes the offer is honoured.
 */
final class ClientUpgradeRequest {

    static final String KEY = "Sec-WebSocket-Key";
    static final String PROTOCOL = "Sec-WebSocket-Protocol";
    static final String EXTENSIONS = "Sec-WebSocket-Extensions";
    static final String VERSION = "Sec-WebSocket-Version";

    private static final System.Logger LOG = System.getLogger(ClientUpgradeRequest.class.getName());

    private final URI uri;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    ClientUpgradeRequest(URI uri, ClientEndpointConfig config) {
        this.uri = uri;
        headers.put("Host", new ArrayList<>(List.of(hostHeader(uri))));
        headers.put("Upgrade", new ArrayList<>(List.of("websocket")));
        headers.put("Connection", new ArrayList<>(List.of("Upgrade")));
        headers.put(KEY, new ArrayList<>(List.of(HandshakeKeys.newKey())));
        headers.put(VERSION, new ArrayList<>(List.of("13")));
        List<String> protocols = config.getPreferredSubprotocols();
        if (protocols != null && !protocols.isEmpty()) {
            headers.put(PROTOCOL, new ArrayList<>(List.of(String.join(", ", protocols))));
        }
        List<ExtensionOffer> offers = offers(config.getExtensions());
        if (!offers.isEmpty()) {
            headers.put(EXTENSIONS, new ArrayList<>(List.of(ExtensionHeader.format(offers))));
        }
    }

    /**
     * Every configured extension is offered, in the configured order with its parameters (spec
     * §3.2.2): which ones to use is the server's choice. permessage-deflate without parameters
     * gets Gannet's usual offer. An extension Gannet does not implement that the server accepts
     * is reported by the session and changes nothing on the wire (a frame using its RSV bits
     * is still a protocol error). One that cannot be written in a header is logged and dropped.
     */
    private static List<ExtensionOffer> offers(List<Extension> wanted) {
        List<ExtensionOffer> offers = new ArrayList<>();
        if (wanted == null) {
            return offers;
        }
        for (Extension e : wanted) {
            if (e == null) {
                continue;
            }
            if (PerMessageDeflate.NAME.equalsIgnoreCase(e.getName())
                    && (e.getParameters() == null || e.getParameters().isEmpty())) {
                offers.add(PerMessageDeflate.clientOffer());
                continue;
            }
            try {
                offers.add(e.getParameters() == null ? new ExtensionOffer(e.getName(), List.of())
                        : WebSocketExtension.toOffer(e));
            } catch (IllegalArgumentException | NullPointerException bad) {
                LOG.log(Level.WARNING, "Extension {0} cannot be written in a Sec-WebSocket-Extensions header ({1});"
                        + " not offered", e.getName(), bad.getMessage());
            }
        }
        return offers;
    }

    static String hostHeader(URI uri) {
        String host = uri.getHost();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // IPv6 literal
        }
        int port = uri.getPort();
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        return port < 0 || port == (secure ? 443 : 80) ? host : host + ":" + port;
    }

    /** The request-target: path and query, as the URI spelled them. */
    String target() {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The live, mutable header map handed to {@code beforeRequest}. */
    Map<String, List<String>> headers() {
        return headers;
    }

    /** Replaces the key with a fresh one (each new connection gets its own nonce). */
    void renewKey() {
        headers.put(KEY, new ArrayList<>(List.of(HandshakeKeys.newKey())));
    }

    String key() {
        List<String> v = headers.get(KEY);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The subprotocols offered, in order, as the headers now stand. */
    List<String> offeredProtocols() {
        List<String> out = new ArrayList<>();
        for (String v : headers.getOrDefault(PROTOCOL, List.of())) {
            for (String p : v.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }

    /** The extensions offered, as the headers now stand. */
    List<ExtensionOffer> offeredExtensions() {
        List<ExtensionOffer> out = new ArrayList<>();
        for (String v : headers.getOrDefault(EXTENSIONS, List.of())) {
            out.addAll(ExtensionHeader.parse(v));
        }
        return out;
    }

    /** The request head; {@code authorization} (may be null) is added as {@code Authorization}. */
    String render(String authorization) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("GET ").append(target()).append(" HTTP/1.1\r\n");
        // Host first, as RFC 9112 §3.2 recommends.
        appendHeader(sb, "Host", headers.get("Host"));
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Authorization")) {
                appendHeader(sb, name, values);
            }
        });
        if (authorization != null) {
            appendHeader(sb, "Authorization", List.of(authorization));
        } else {
            appendHeader(sb, "Authorization", headers.get("Authorization"));
        }
        return sb.append("\r\n").toString();
    }

    private static void appendHeader(StringBuilder sb, String name, List<String> values) {
        if (values == null) {
            return;
        }
        for (String v : values) {
            if (v == null) {
                continue;
            }
            if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0 || name.indexOf(':') >= 0) {
                throw new IllegalArgumentException("Handshake header " + name
                        + " contains a line break or colon; a header value must be a single line");
            }
            sb.append(name).append(": ").append(v).append("\r\n");
        }
    }
}
