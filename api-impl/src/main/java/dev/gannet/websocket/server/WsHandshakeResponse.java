package dev.gannet.websocket.server;

import jakarta.websocket.HandshakeResponse;

import java.util.List;
import java.util.Map;

/**
 * The proposed 101 response handed to {@code modifyHandshake}: a mutable, case-insensitive
 * header map. Whatever it holds when the configurator returns is what the client receives.
 */
final class WsHandshakeResponse implements HandshakeResponse {

    private final Map<String, List<String>> headers = Headers.newMap();

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }
}
