package dev.gannet.websocket.servlet.testapp;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashSet;
import java.util.Set;

/**
 * Keeps every scanned annotated endpoint but {@link ExcludedEndpoint}, and deploys the scanned
 * programmatic {@link GreetingEndpoint} at /programmatic/{name}.
 */
public class TestApplicationConfig implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        Set<ServerEndpointConfig> configs = new HashSet<>();
        if (scanned.contains(GreetingEndpoint.class)) {
            configs.add(ServerEndpointConfig.Builder.create(GreetingEndpoint.class, "/programmatic/{name}").build());
        }
        return configs;
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        Set<Class<?>> kept = new HashSet<>(scanned);
        kept.remove(ExcludedEndpoint.class);
        return kept;
    }
}
