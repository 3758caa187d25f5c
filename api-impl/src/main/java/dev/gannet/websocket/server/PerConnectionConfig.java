package dev.gannet.websocket.server;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoint's configuration as one connection sees it: everything delegates to the deployed
 * configuration except the user properties, which are a shallow copy taken at the handshake
 * (spec §3.1.5: modifyHandshake may change them, and the copy becomes the Session's initial user
 * properties without touching other connections).
 */
final class PerConnectionConfig implements ServerEndpointConfig {

    private final ServerEndpointConfig deployed;
    private final Map<String, Object> userProperties;

    PerConnectionConfig(ServerEndpointConfig deployed) {
        this.deployed = deployed;
        // Synchronized rather than concurrent: user code may store null values, which a
        // ConcurrentHashMap would refuse; this matches the session's own default map.
        Map<String, Object> shared = deployed.getUserProperties();
        this.userProperties = Collections.synchronizedMap(shared == null ? new HashMap<>() : new HashMap<>(shared));
    }

    ServerEndpointConfig deployed() {
        return deployed;
    }

    @Override
    public Class<?> getEndpointClass() {
        return deployed.getEndpointClass();
    }

    @Override
    public String getPath() {
        return deployed.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return deployed.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return deployed.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return deployed.getConfigurator();
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return deployed.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return deployed.getDecoders();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }
}
