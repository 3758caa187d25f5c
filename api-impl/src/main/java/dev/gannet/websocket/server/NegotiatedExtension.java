package dev.gannet.websocket.server;

import jakarta.websocket.Extension;

import java.util.List;

/**
 * An immutable {@link Extension}: what a client offered in Sec-WebSocket-Extensions, what the
 * server installs, and what a session reports as negotiated.
 */
record NegotiatedExtension(String name, List<Extension.Parameter> parameters) implements Extension {

    NegotiatedExtension {
        parameters = List.copyOf(parameters);
    }

    /** One {@code name[=value]} parameter; the value is {@code null} for a bare name. */
    record Param(String name, String value) implements Extension.Parameter {
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

    @Override
    public String getName() {
        return name;
    }

    @Override
    public List<Extension.Parameter> getParameters() {
        return parameters;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name);
        for (Extension.Parameter p : parameters) {
            b.append("; ").append(p);
        }
        return b.toString();
    }
}
