package dev.gannet.websocket.server;

import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry's waiting side, which shutdown relies on. OpenSessions only keeps sessions by
 * identity and asks isOpen, so a stand-in session is enough here; the container tests cover it
 * with real sessions.
 */
class OpenSessionsTest {

    private final OpenSessions registry = new OpenSessions();
    private final ServerEndpointConfig config =
            ServerEndpointConfig.Builder.create(ServerHandshakeTest.Echo.class, "/e").build();

    private static Session openSession() {
        return (Session) Proxy.newProxyInstance(OpenSessionsTest.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> true;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "session@" + System.identityHashCode(proxy);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anEmptyRegistryNeedsNoWait() {
        assertTrue(registry.awaitEmpty(0));
    }

    @Test
    void theWaitEndsFalseWhenASessionStays() {
        registry.join(config, openSession());
        long start = System.nanoTime();
        assertFalse(registry.awaitEmpty(50));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "waited the time given");
    }

    @Test
    void theLastLeaveReleasesAWaiter() throws Exception {
        Session a = openSession();
        Session b = openSession();
        registry.join(config, a);
        registry.join(config, b);
        assertEquals(Set.of(a, b), registry.of(config));
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> emptied = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return registry.awaitEmpty(TimeUnit.MINUTES.toMillis(1));
        });
        assertTrue(waiting.await(5, TimeUnit.SECONDS));
        registry.leave(config, a);
        assertFalse(emptied.isDone() && emptied.get(), "one session is still registered");
        registry.leave(config, b);
        assertTrue(emptied.get(5, TimeUnit.SECONDS), "released by leave, long before the minute is up");
        assertEquals(Set.of(), registry.of(config));
    }

    @Test
    void anInterruptedWaiterGivesUpAndKeepsItsInterrupt() {
        registry.join(config, openSession());
        Thread.currentThread().interrupt();
        try {
            assertFalse(registry.awaitEmpty(TimeUnit.MINUTES.toMillis(1)));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
