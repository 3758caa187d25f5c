package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.transport.InMemoryTransport;
import jakarta.websocket.SendResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An opened session that has exchanged nothing holds none of the buffers and queues it creates
 * on first use (what keeps ten thousand idle connections small), and each of them, once created
 * by the first use, works as before.
 */
@Timeout(30)
class IdleFootprintTest extends WithHarness {

    @Test
    void anOpenedIdleSessionHoldsNoLazyParts() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        h = Harness.server(s -> s.addMessageHandler(String.class, received::add));
        assertEquals(List.of(), h.session.lazyPartsHeld());
        // Receiving a data message needs none of the send-side parts either.
        h.peer.sendText("hello");
        assertEquals("hello", received.poll(5, TimeUnit.SECONDS));
        assertEquals(List.of(), h.session.lazyPartsHeld());
    }

    @Test
    void theFirstSendCreatesTheWriteStateSizedForWhatWasSent() throws Exception {
        h = Harness.server(s -> { });
        h.session.getBasicRemote().sendText("one");
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(OpCode.TEXT, f.opcode());
        assertEquals("one", f.text());
        assertTrue(h.session.lazyPartsHeld().containsAll(List.of("frame header slots", "outbound frame queues")),
                h.session.lazyPartsHeld().toString());
        assertEquals(4, h.session.outbound().writerHeaderSlots(), "one frame needs the smallest slot set");
        // Many frames in flight at once grow the slots (up to the batch limit) and keep the order.
        List<Future<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sends.add(h.session.getAsyncRemote().sendText("m" + i));
        }
        for (Future<Void> s : sends) {
            s.get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 200; i++) {
            assertEquals("m" + i, h.peer.next(5000).text());
        }
        assertTrue(h.session.outbound().writerHeaderSlots() <= 32);
        assertEquals(0, h.session.queuedOutboundBytes());
    }

    @Test
    void theSendHandlerRunnerIsCreatedByTheFirstSendHandler() throws Exception {
        h = Harness.server(s -> { });
        h.session.getAsyncRemote().sendText("no handler").get(5, TimeUnit.SECONDS);
        assertTrue(!h.session.lazyPartsHeld().contains("SendHandler runner"));
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        h.session.getAsyncRemote().sendText("with handler", result::complete);
        assertTrue(result.get(5, TimeUnit.SECONDS).isOK());
        assertTrue(h.session.lazyPartsHeld().contains("SendHandler runner"));
        assertEquals("no handler", h.peer.next(5000).text());
        assertEquals("with handler", h.peer.next(5000).text());
    }

    @Test
    void theDeadlineQueueIsCreatedByTheFirstAsyncSendWithATimeout() throws Exception {
        h = Harness.server(s -> { }, SessionSettings.defaults().withSendTimeoutMs(0),
                Harness.config(List.of(), List.of()), 1024);
        // The peer stops reading after the untimed message (a read it had asked for already
        // takes that one), so the timed send below stays pending and must be watched.
        h.peer.pause();
        h.session.getAsyncRemote().sendText("untimed").get(5, TimeUnit.SECONDS);
        assertEquals("untimed", h.peer.next(5000).text());
        assertTrue(!h.session.lazyPartsHeld().contains("async send deadline queue"));
        int timersBefore = h.session.pendingTimers();
        h.session.getAsyncRemote().setSendTimeout(10_000);
        Future<Void> timed = h.session.getAsyncRemote().sendText("t".repeat(8192));
        assertTrue(h.session.lazyPartsHeld().contains("async send deadline queue"));
        assertEquals(timersBefore + 1, h.session.pendingTimers(), "the pending timed send is watched");
        h.peer.resume();
        timed.get(5, TimeUnit.SECONDS);
        assertEquals(8192, h.peer.next(5000).text().length());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (h.session.pendingTimers() != timersBefore && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(timersBefore, h.session.pendingTimers(), "the deadline check is disarmed once the send completed");
    }

    @Test
    void theRequestUriIsKeptAsTextAndGivenBackEqual() throws Exception {
        List<URI> uris = List.of(
                URI.create("ws://127.0.0.1:8080/echo"),
                URI.create("wss://[::1]:8443/a%20b/%E2%82%AC?q=1&r=%26x#frag"),
                new URI("ws", "user", "example.org", 80, "/päth with space", "k=v w", null),
                URI.create("ws://h/p?"));
        for (URI uri : uris) {
            InMemoryTransport.Pair pair = InMemoryTransport.pair(1024);
            WsSession session = new WsSession(SessionConfig.builder()
                    .role(Role.SERVER)
                    .transport(pair.server())
                    .endpoint(new RecordingEndpoint(s -> { }))
                    .endpointConfig(Harness.config(List.of(), List.of()))
                    .requestUri(uri)
                    .build());
            try {
                session.start();
                URI given = session.getRequestURI();
                assertEquals(uri, given);
                assertEquals(uri.toString(), given.toString());
                assertEquals(uri.getRawPath(), given.getRawPath());
                assertEquals(uri.getRawQuery(), given.getRawQuery());
                assertSame(given, session.getRequestURI(), "parsed once, then the same object");
            } finally {
                pair.client().abort();
                pair.server().abort();
            }
        }
    }

    @Test
    void theRemotesAndTheIdAreMadeOnFirstUseAndStayTheSame() throws Exception {
        h = Harness.server(s -> { });
        String id = h.session.getId();
        assertSame(id, h.session.getId());
        assertSame(h.session.getBasicRemote(), h.session.getBasicRemote());
        assertSame(h.session.getAsyncRemote(), h.session.getAsyncRemote());
        // Racing first calls agree on one remote.
        WsSession fresh = Harness.server(s -> { }).session;
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(fresh::getBasicRemote));
        }
        Object first = calls.get(0).get(5, TimeUnit.SECONDS);
        for (CompletableFuture<Object> c : calls) {
            assertSame(first, c.get(5, TimeUnit.SECONDS));
        }
        fresh.close();
    }

    @Test
    void pingsAreAnsweredWithoutKeepingAControlBufferWhenTheyArriveWhole() throws Exception {
        h = Harness.server(s -> { });
        h.peer.sendPing("are you there".getBytes());
        RawPeer.Frame pong = h.peer.next(5000);
        assertEquals(OpCode.PONG, pong.opcode());
        assertEquals("are you there", new String(pong.payload()));
        assertTrue(!h.session.lazyPartsHeld().contains("control frame buffer"));
    }
}
