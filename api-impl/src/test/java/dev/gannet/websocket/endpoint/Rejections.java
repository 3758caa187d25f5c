package dev.gannet.websocket.endpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.DeploymentException;

/** Asserts that a model is refused and that the message names what the user needs to fix. */
final class Rejections {

    private Rejections() {
    }

    static String assertRejected(Class<?> endpoint, boolean server, String... fragments) {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> AnnotatedEndpointModel.of(endpoint, server));
        return assertMentions(e, endpoint, fragments);
    }

    static String assertMentions(DeploymentException e, Class<?> endpoint, String... fragments) {
        String message = e.getMessage();
        assertTrue(message.contains(endpoint.getName()), () -> "no class name in: " + message);
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "'" + f + "' missing from: " + message);
        }
        return message;
    }
}
