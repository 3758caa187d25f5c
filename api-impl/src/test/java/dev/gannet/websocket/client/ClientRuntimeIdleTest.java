package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.server.GannetServerContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Once the last connection of the JVM closed, the shared selector loops stop and close their
 * selectors: no selector object and no file descriptor outlives the connections (both come back
 * with the next connection).
 */
@Timeout(90)
class ClientRuntimeIdleTest {

    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    @Test
    void noSelectorOrDescriptorRemainsAfterTheLastConnectionClosed() throws Exception {
        ClientRuntime runtime = ClientRuntime.shared();
        assertTrue(eventually(runtime::idle, 20_000), "connections of earlier tests are gone");
        long fdsIdle = SelectorLoopTest.openFiles();
        for (int round = 0; round < 2; round++) { // the second round proves the selectors reopen
            GannetServerContainer server = new GannetServerContainer();
            server.addEndpoint(Echo.class);
            server.deploymentComplete();
            try (GannetTcpServer tcp = new GannetTcpServer(server)) {
                GannetClientContainer client = new GannetClientContainer();
                Recorder r = new Recorder();
                Session s = client.connectToServer(r, ClientEndpointConfig.Builder.create().build(), tcp.uri("/echo"));
                assertFalse(runtime.idle(), "a connection runs a selector loop");
                s.getBasicRemote().sendText("round " + round);
                assertEquals("round " + round, r.next());
                s.close();
                assertEquals(1000, r.awaitClose().getCloseCode().getCode());
            }
            // The loops linger two seconds after their last channel, then close their selectors.
            assertTrue(eventually(runtime::idle, 20_000), "selector loops stopped and closed their selectors");
            long fds = SelectorLoopTest.openFiles();
            assertTrue(fds <= fdsIdle, "open files while idle: " + fdsIdle + " before, " + fds + " after round "
                    + round);
        }
    }

    private static boolean eventually(BooleanSupplier c, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
