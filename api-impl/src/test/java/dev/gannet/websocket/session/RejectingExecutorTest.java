package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.transport.InMemoryTransport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * After the container's executor stopped taking work (undeploy), endpoint code still runs, once,
 * but on the engine's fallback thread, never inline on a timer or I/O thread.
 */
@Timeout(30)
class RejectingExecutorTest {

    @Test
    void sendHandlerAndOnCloseRunOnTheFallbackThreadWhenTheExecutorRefuses() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(InMemoryTransport.DEFAULT_CAPACITY);
        CompletableFuture<String> onCloseThread = new CompletableFuture<>();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
            }

            @Override
            public void onClose(Session session, CloseReason closeReason) {
                onCloseThread.complete(Thread.currentThread().getName());
            }
        };
        WsSession session = new WsSession(SessionConfig.builder()
                .role(Role.SERVER)
                .transport(pair.server())
                .endpoint(endpoint)
                .endpointConfig(Harness.config(List.of(), List.of()))
                .settings(SessionSettings.defaults().withCloseTimeoutMs(100))
                .executor(task -> {
                    throw new RejectedExecutionException("undeployed");
                })
                .build());
        RawPeer peer = new RawPeer(pair.client(), Role.CLIENT);
        session.start();
        try {
            CompletableFuture<String> handlerThread = new CompletableFuture<>();
            session.getAsyncRemote().sendText("hi", result -> handlerThread.complete(Thread.currentThread().getName()));
            assertTrue(handlerThread.get(5, TimeUnit.SECONDS).startsWith("gannet-fallback-"), handlerThread.get());
            assertEquals("hi", peer.next(5000).text());
            session.close(); // the peer never answers: the close timeout (timer thread) ends the session
            String closeThread = onCloseThread.get(5, TimeUnit.SECONDS);
            assertTrue(closeThread.startsWith("gannet-fallback-"), closeThread);
        } finally {
            pair.client().abort();
            pair.server().abort();
        }
    }
}
