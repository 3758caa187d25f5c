/**
 * The annotated endpoint model: classes carrying {@code @ServerEndpoint} or {@code @ClientEndpoint}
 * are introspected once at deployment into an immutable {@link
 * dev.gannet.websocket.endpoint.AnnotatedEndpointModel} (every rule of the specification checked,
 * method handles bound), and each connection gets an {@link
 * dev.gannet.websocket.endpoint.AnnotatedEndpoint} that adapts one endpoint instance to the
 * programmatic {@code Endpoint}/{@code MessageHandler} API of the standard {@code Session}.
 * {@link dev.gannet.websocket.endpoint.AnnotatedConfigs} turns the class-level annotations into
 * endpoint configurations for the containers.
 */
package dev.gannet.websocket.endpoint;
