package dev.gannet.websocket.tck.arquillian;

import java.net.URI;
import java.net.URL;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * The WebSocket client side of the adapter tests, driven through {@link ContainerProvider} as the
 * TCK drives its deployments.
 */
final class WebSocketClient {

    private WebSocketClient() {
    }

    /**
     * True when Gannet's server side (its initializer) and client side are on the class path. Until
     * the integration branches provide both, the WebSocket adapter tests are skipped, not failed.
     */
    static boolean gannetPresent() {
        boolean server = ServiceLoader.load(ServletContainerInitializer.class).stream()
                .anyMatch(p -> p.type().getName().startsWith("dev.gannet.websocket.servlet."));
        boolean client = ServiceLoader.load(ContainerProvider.class).stream().findAny().isPresent();
        return server && client;
    }

    /** The ws: URI of {@code path} inside the deployment Arquillian injected. */
    static URI uri(URL deployment, String path) {
        return URI.create("ws://" + deployment.getHost() + ":" + deployment.getPort() + deployment.getPath() + path);
    }

    /** Connects, sends one text message and returns the first text message received. */
    static String sendAndReceive(URI uri, String message) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) reply::complete);
            }
        };
        try (Session session = ContainerProvider.getWebSocketContainer()
                .connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri)) {
            session.getBasicRemote().sendText(message);
            return reply.get(10, TimeUnit.SECONDS);
        }
    }
}
