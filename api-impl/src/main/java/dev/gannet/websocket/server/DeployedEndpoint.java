package dev.gannet.websocket.server;

import jakarta.websocket.server.ServerEndpointConfig;

/**
 * One logical endpoint as the registry holds it: its configuration, its parsed path and how to
 * make an instance per connection. Identity matters: open sessions are counted per
 * DeployedEndpoint.
 */
record DeployedEndpoint(ServerEndpointConfig config, UriTemplate template, EndpointFactory factory,
                        Class<?> annotatedClass) {

    /** The class the user deployed (the @ServerEndpoint class or the Endpoint subclass). */
    Class<?> endpointClass() {
        return config.getEndpointClass();
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return endpointClass().getName() + " at " + template.path();
    }
}
