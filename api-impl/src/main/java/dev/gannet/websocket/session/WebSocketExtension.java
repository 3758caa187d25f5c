package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.ExtensionOffer;
import dev.gannet.websocket.protocol.ExtensionParameter;
import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;

/**
 * The one immutable {@link Extension} of the engine, shared by the client and the server: what a
 * {@code Sec-WebSocket-Extensions} header offered or accepted, what a container installs, and
 * what a session reports as negotiated. It converts to and from the protocol layer's
 * {@link ExtensionOffer}, which knows the header grammar but nothing of the Jakarta API.
 * Equality is by value (name and parameters in order), so lists of extensions compare as the
 * header would.
 *
 * @param name the extension token, e.g. {@code permessage-deflate}
 * @param parameters its parameters in header order (copied; never {@code null})
 */
public record WebSocketExtension(String name, List<Extension.Parameter> parameters) implements Extension {

    public WebSocketExtension {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("An extension needs a name");
        }
        parameters = List.copyOf(parameters);
    }

    /** An extension without parameters. */
    public static WebSocketExtension named(String name) {
        return new WebSocketExtension(name, List.of());
    }

    /** The Jakarta view of a parsed header element. */
    public static WebSocketExtension of(ExtensionOffer offer) {
        List<Extension.Parameter> params = new ArrayList<>(offer.parameters().size());
        for (ExtensionParameter p : offer.parameters()) {
            params.add(new Param(p.name(), p.value()));
        }
        return new WebSocketExtension(offer.name(), params);
    }

    /** The header element of any {@link Extension} (a user's own implementation included). */
    public static ExtensionOffer toOffer(Extension e) {
        List<ExtensionParameter> params = new ArrayList<>(e.getParameters().size());
        for (Extension.Parameter p : e.getParameters()) {
            params.add(new ExtensionParameter(p.getName(), p.getValue()));
        }
        return new ExtensionOffer(e.getName(), List.copyOf(params));
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public List<Extension.Parameter> getParameters() {
        return parameters;
    }

    /** As in the header: {@code name; param; param=value}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name);
        for (Extension.Parameter p : parameters) {
            b.append("; ").append(p);
        }
        return b.toString();
    }

    /**
     * One {@code name[=value]} extension parameter; the value is {@code null} for a bare name.
     *
     * @param name the parameter name
     * @param value its value, or {@code null}
     */
    public record Param(String name, String value) implements Extension.Parameter {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getValue() {
            return value;
        }

        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }
}
