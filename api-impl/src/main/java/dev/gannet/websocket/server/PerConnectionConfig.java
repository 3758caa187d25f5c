package dev.gannet.websocket.server;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
        // Concurrent: the endpoint and the application may touch it from several threads.
        // ConcurrentHashMap refuses null values, which user code might hold; copy those out.
        Map<String, Object> copy = new ConcurrentHashMap<>();
        deployed.getUserProperties().forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        this.userProperties = copy;
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
