package dev.gannet.websocket.protocol;

/**
 * One parameter of an extension in {@code Sec-WebSocket-Extensions} (RFC 6455 §9.1): a token
 * name and an optional value, which after unquoting must also be a token.
 *
 * @param name  the parameter name
 * @param value the value, or null when the parameter has none
 */
public record ExtensionParameter(String name, String value) {

    public ExtensionParameter {
        if (!HttpTokens.isToken(name)) {
            throw new IllegalArgumentException("Extension parameter name is not a token: '" + name + "'");
        }
        if (value != null && !HttpTokens.isToken(value)) {
            throw new IllegalArgumentException("Value of extension parameter " + name
                    + " is not a token: '" + value + "'");
        }
    }

    /** A parameter without a value. */
    public static ExtensionParameter of(String name) {
        return new ExtensionParameter(name, null);
    }

    @Override
    public String toString() {
        return value == null ? name : name + "=" + value;
    }
}
