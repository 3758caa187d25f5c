package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.DeflateParameters;
import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.transport.InMemoryTransport;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Builds sessions over in-memory transports for the session tests. */
final class Harness {

    final InMemoryTransport.Pair pair;
    final RecordingEndpoint endpoint;
    final WsSession session;
    final RawPeer peer;

    private Harness(InMemoryTransport.Pair pair, RecordingEndpoint endpoint, WsSession session, RawPeer peer) {
        this.pair = pair;
        this.endpoint = endpoint;
        this.session = session;
        this.peer = peer;
    }

    static EndpointConfig config(List<Class<? extends Decoder>> decoders, List<Class<? extends Encoder>> encoders) {
        return ClientEndpointConfig.Builder.create().decoders(decoders).encoders(encoders).build();
    }

    /** A server session (started) whose client is a raw peer. */
    static Harness server(Consumer<Session> onOpen) {
        return server(onOpen, SessionSettings.defaults(), config(List.of(), List.of()), InMemoryTransport.DEFAULT_CAPACITY);
    }

    static Harness server(Consumer<Session> onOpen, SessionSettings settings) {
        return server(onOpen, settings, config(List.of(), List.of()), InMemoryTransport.DEFAULT_CAPACITY);
    }

    static Harness server(Consumer<Session> onOpen, SessionSettings settings, EndpointConfig config, int capacity) {
        return create(Role.SERVER, onOpen, settings, config, capacity, Optional.empty());
    }

    static Harness create(Role role, Consumer<Session> onOpen, SessionSettings settings, EndpointConfig config,
                          int capacity, Optional<DeflateParameters> deflate) {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(capacity);
        RecordingEndpoint endpoint = new RecordingEndpoint(onOpen);
        InMemoryTransport mine = role == Role.SERVER ? pair.server() : pair.client();
        InMemoryTransport theirs = role == Role.SERVER ? pair.client() : pair.server();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch ended = new CountDownLatch(1);
        WsSession session = new WsSession(SessionConfig.builder()
                .role(role)
                .transport(mine)
                .endpoint(endpoint)
                .endpointConfig(config)
                .settings(settings)
                .deflate(deflate)
                .closeListener(s -> {
                    calls.incrementAndGet();
                    ended.countDown();
                })
                .build());
        RawPeer peer = new RawPeer(theirs, role == Role.SERVER ? Role.CLIENT : Role.SERVER);
        session.start();
        Harness h = new Harness(pair, endpoint, session, peer);
        h.closeListenerCallsRef = calls;
        h.endedRef = ended;
        return h;
    }

    AtomicInteger closeListenerCallsRef;
    CountDownLatch endedRef;

    boolean awaitEnded(long ms) throws InterruptedException {
        return endedRef.await(ms, TimeUnit.MILLISECONDS);
    }

    int closeListenerCalls() {
        return closeListenerCallsRef.get();
    }

    /** Best-effort teardown. */
    void shutdown() {
        pair.client().abort();
        pair.server().abort();
    }
}
