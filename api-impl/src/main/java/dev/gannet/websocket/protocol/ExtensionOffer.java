package dev.gannet.websocket.protocol;

import java.util.List;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header (RFC 6455 §9.1): an extension name
 * with its parameters in order. The same shape serves offers (client to server) and responses
 * (server to client).
 *
 * @param name       the extension token, e.g. {@code permessage-deflate}
 * @param parameters the parameters in header order, unmodifiable
 */
public record ExtensionOffer(String name, List<ExtensionParameter> parameters) {

    public ExtensionOffer {
        if (!HttpTokens.isToken(name)) {
            throw new IllegalArgumentException("Extension name is not a token: '" + name + "'");
        }
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    @Override
    public String toString() {
        return ExtensionHeader.format(List.of(this));
    }
}
