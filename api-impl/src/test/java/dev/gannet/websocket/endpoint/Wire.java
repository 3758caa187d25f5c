package dev.gannet.websocket.endpoint;

import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.session.RawPeer;
import dev.gannet.websocket.session.SessionConfig;
import dev.gannet.websocket.session.WsSession;
import dev.gannet.websocket.transport.InMemoryTransport;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A started server {@link WsSession} running an annotated endpoint through
 * {@link AnnotatedEndpoint}, connected over an {@link InMemoryTransport} pair to a raw client
 * peer that sends and inspects frames.
 */
final class Wire implements AutoCloseable {

    static final long WAIT_MS = 5_000;

    final WsSession session;
    final RawPeer peer;
    final InMemoryTransport.Pair pair;

    private Wire(WsSession session, RawPeer peer, InMemoryTransport.Pair pair) {
        this.session = session;
        this.peer = peer;
        this.pair = pair;
    }

    static Wire open(Object instance, Map<String, String> pathParameters) throws DeploymentException {
        Class<?> c = instance.getClass();
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(c, true);
        ServerEndpoint ann = c.getAnnotation(ServerEndpoint.class);
        // An explicit configurator: the platform default comes from the server package's service file.
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(c, ann.value())
                .decoders(List.of(ann.decoders()))
                .encoders(List.of(ann.encoders()))
                .configurator(new ServerEndpointConfig.Configurator())
                .build();
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        WsSession session = new WsSession(SessionConfig.builder()
                .role(Role.SERVER)
                .transport(pair.server())
                .endpoint(new AnnotatedEndpoint(model, instance))
                .endpointConfig(config)
                .pathParameters(pathParameters)
                .build());
        RawPeer peer = new RawPeer(pair.client(), Role.CLIENT);
        session.start();
        return new Wire(session, peer, pair);
    }

    static Wire open(Object instance) throws DeploymentException {
        return open(instance, Map.of());
    }

    @Override
    public void close() {
        pair.client().abort();
        pair.server().abort();
    }

    /** The next event an endpoint recorded, or an AssertionError after a while. */
    static <T> T next(BlockingQueue<T> events) throws InterruptedException {
        T e = events.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no event within " + WAIT_MS + " ms");
        }
        return e;
    }

    static <T> BlockingQueue<T> queue() {
        return new LinkedBlockingQueue<>();
    }
}
