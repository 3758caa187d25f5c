package dev.gannet.websocket.client;

import dev.gannet.websocket.protocol.DeflateParameters;
import dev.gannet.websocket.protocol.ExtensionHeader;
import dev.gannet.websocket.protocol.ExtensionOffer;
import dev.gannet.websocket.protocol.HandshakeKeys;
import dev.gannet.websocket.protocol.HttpTokens;
import dev.gannet.websocket.protocol.PerMessageDeflate;
import dev.gannet.websocket.session.WebSocketExtension;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a server's answer to the opening handshake as RFC 6455 §4.1 (points 1-6) demands:
 * status 101, {@code Upgrade: websocket}, {@code Connection: Upgrade}, the exact
 * {@code Sec-WebSocket-Accept}, and no extension or subprotocol the client did not offer.
 * Every failure is a {@link DeploymentException} that quotes what the server answered.
 */
final class HandshakeValidator {

    /** What the handshake settled. */
    record Negotiated(String subprotocol, List<Extension> extensions, Optional<DeflateParameters> deflate) {
    }

    private HandshakeValidator() {
    }

    static Negotiated validate(URI uri, ClientUpgradeRequest request, HttpResponse r) throws DeploymentException {
        if (r.status() != 101) {
            throw fail(uri, r, "the server did not switch protocols (expected status 101)");
        }
        String upgrade = r.joined("Upgrade");
        if (upgrade == null || !HttpTokens.containsToken(upgrade, "websocket")) {
            throw fail(uri, r, "the Upgrade header is missing or is not \"websocket\"");
        }
        String connection = r.joined("Connection");
        if (connection == null || !HttpTokens.containsToken(connection, "upgrade")) {
            throw fail(uri, r, "the Connection header does not contain \"Upgrade\"");
        }
        List<String> accept = r.values("Sec-WebSocket-Accept");
        String expected = HandshakeKeys.accept(request.key());
        if (accept.size() != 1 || !accept.get(0).equals(expected)) {
            throw fail(uri, r, "Sec-WebSocket-Accept is not " + expected);
        }
        return negotiateExtensions(uri, request, r, subprotocol(uri, request, r));
    }

    private static String subprotocol(URI uri, ClientUpgradeRequest request, HttpResponse r) throws DeploymentException {
        List<String> values = r.values(ClientUpgradeRequest.PROTOCOL);
        if (values.isEmpty()) {
            return "";
        }
        String chosen = String.join(",", values).strip();
        if (values.size() > 1 || chosen.indexOf(',') >= 0) {
            throw fail(uri, r, "the server selected more than one subprotocol");
        }
        if (!request.offeredProtocols().contains(chosen)) {
            throw fail(uri, r, "the server selected subprotocol \"" + chosen + "\", which the client did not offer "
                    + request.offeredProtocols());
        }
        return chosen;
    }

    private static Negotiated negotiateExtensions(URI uri, ClientUpgradeRequest request, HttpResponse r, String subprotocol)
            throws DeploymentException {
        String header = r.joined(ClientUpgradeRequest.EXTENSIONS);
        if (header == null || header.isBlank()) {
            return new Negotiated(subprotocol, List.of(), Optional.empty());
        }
        List<ExtensionOffer> accepted;
        try {
            accepted = ExtensionHeader.parse(header);
        } catch (IllegalArgumentException e) {
            throw fail(uri, r, "Sec-WebSocket-Extensions is malformed (" + e.getMessage() + ")");
        }
        Map<String, ExtensionOffer> offered = new HashMap<>();
        for (ExtensionOffer o : request.offeredExtensions()) {
            offered.putIfAbsent(o.name().toLowerCase(Locale.ROOT), o);
        }
        Set<String> seen = new HashSet<>();
        List<Extension> extensions = new ArrayList<>();
        Optional<DeflateParameters> deflate = Optional.empty();
        for (ExtensionOffer a : accepted) {
            String name = a.name().toLowerCase(Locale.ROOT);
            if (!offered.containsKey(name)) {
                throw fail(uri, r, "the server accepted extension \"" + a.name() + "\", which the client did not offer");
            }
            if (!seen.add(name)) {
                throw fail(uri, r, "the server accepted extension \"" + a.name() + "\" twice");
            }
            if (name.equals(PerMessageDeflate.NAME)) {
                try {
                    deflate = Optional.of(PerMessageDeflate.acceptAsClient(offered.get(name), a));
                } catch (IllegalArgumentException e) {
                    throw fail(uri, r, "the permessage-deflate response is unacceptable (" + e.getMessage() + ")");
                }
            }
            extensions.add(WebSocketExtension.of(a));
        }
        return new Negotiated(subprotocol, List.copyOf(extensions), deflate);
    }

    static DeploymentException fail(URI uri, HttpResponse r, String why) {
        return new DeploymentException("WebSocket handshake with " + uri + " failed: " + why + "; the server answered "
                + r.describe("Upgrade", "Connection", "Sec-WebSocket-Accept", ClientUpgradeRequest.PROTOCOL,
                        ClientUpgradeRequest.EXTENSIONS, "Location", "WWW-Authenticate", "Content-Type", "Server"));
    }
}
