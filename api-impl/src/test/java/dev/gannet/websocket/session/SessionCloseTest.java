package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.CloseCodes;
import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The close handshake in all its variants; onClose exactly once; resources and registries released. */
@Timeout(20)
class SessionCloseTest {

    private Harness h;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.shutdown();
        }
    }

    @Test
    void localCloseWaitsForThePeersCloseThenEnds() throws Exception {
        h = Harness.server(s -> { });
        h.session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4000), "bye"));
        assertFalse(h.session.isOpen());
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(OpCode.CLOSE, f.opcode());
        assertEquals(4000, f.close().code());
        assertEquals("bye", f.close().reason());
        assertEquals(null, h.endpoint.closes.poll(100, TimeUnit.MILLISECONDS), "onClose waits for the peer");
        h.peer.sendClose(4000, "");
        CloseReason r = h.endpoint.close(5000);
        assertEquals(4000, r.getCloseCode().getCode());
        assertEquals("bye", r.getReasonPhrase());
        assertTrue(h.peer.awaitEof(5000));
        assertTrue(h.awaitEnded(5000));
        assertEquals(1, h.closeListenerCalls());
        assertEquals(1, h.endpoint.closeCount.get());
        h.session.close(); // idempotent
        assertEquals(null, h.peer.poll(100));
    }

    @Test
    void peerCloseIsEchoedWithItsCodeAndReportedToOnClose() throws Exception {
        h = Harness.server(s -> { });
        h.peer.sendClose(4321, "peer says bye");
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(OpCode.CLOSE, f.opcode());
        assertEquals(4321, f.close().code());
        CloseReason r = h.endpoint.close(5000);
        assertEquals(4321, r.getCloseCode().getCode());
        assertEquals("peer says bye", r.getReasonPhrase());
        assertTrue(h.peer.awaitEof(5000));
        assertTrue(h.awaitEnded(5000));
        assertFalse(h.pair.server().isAborted(), "a clean close is not an abort");
        assertEquals(1, h.endpoint.closeCount.get());
    }

    @Test
    void emptyPeerCloseIsEchoedEmptyAndReportedAs1005() throws Exception {
        h = Harness.server(s -> { });
        h.peer.sendFrame(OpCode.CLOSE, true, 0, new byte[0]);
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(0, f.payload().length);
        assertEquals(1005, h.endpoint.close(5000).getCloseCode().getCode());
    }

    @Test
    void closeTimesOutWhenThePeerNeverAnswers() throws Exception {
        h = Harness.server(s -> { }, SessionSettings.defaults().withCloseTimeoutMs(300));
        long start = System.nanoTime();
        h.session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        CloseReason r = h.endpoint.close(5000);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(1000, r.getCloseCode().getCode());
        assertTrue(ms >= 290, "closed after " + ms + " ms");
        assertTrue(h.pair.server().isAborted());
        assertTrue(h.awaitEnded(5000));
    }

    @Test
    void endOfStreamWithoutCloseIs1006() throws Exception {
        h = Harness.server(s -> { });
        h.peer.closeTransport();
        assertEquals(1006, h.endpoint.close(5000).getCloseCode().getCode());
        assertFalse(h.session.isOpen());
        assertTrue(h.awaitEnded(5000));
        assertEquals(1, h.endpoint.closeCount.get());
    }

    @Test
    void containerShutdownSends1001AndReports1006() throws Exception {
        h = Harness.server(s -> { });
        h.session.closeForShutdown();
        assertEquals(CloseCodes.GOING_AWAY, h.peer.next(5000).close().code());
        h.peer.sendClose(1001, "");
        assertEquals(1006, h.endpoint.close(5000).getCloseCode().getCode());
    }

    @Test
    void closeFromInsideOnMessageCompletesTheHandshake() throws Exception {
        h = Harness.server(s -> s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            try {
                s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, text));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        h.peer.sendText("stop");
        assertEquals("stop", h.peer.next(5000).close().reason());
        h.peer.sendClose(1000, "");
        assertEquals("stop", h.endpoint.close(5000).getReasonPhrase());
        assertTrue(h.awaitEnded(5000));
    }

    @Test
    void queuedMessagesGoOutBeforeTheCloseFrame() throws Exception {
        h = Harness.server(s -> { });
        for (int i = 0; i < 20; i++) {
            h.session.getAsyncRemote().sendText("m" + i);
        }
        h.session.close();
        for (int i = 0; i < 20; i++) {
            assertEquals("m" + i, h.peer.next(5000).text());
        }
        assertEquals(OpCode.CLOSE, h.peer.next(5000).opcode());
    }

    @Test
    void exceptionsFromHandlersReachOnErrorAndAThrowingOnErrorIsContained() throws Exception {
        h = Harness.server(s -> s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            throw new IllegalStateException("boom " + text);
        }));
        h.peer.sendText("1");
        assertEquals("boom 1", h.endpoint.error(5000).getMessage());
        assertTrue(h.session.isOpen());
        h.peer.sendText("2");
        assertEquals("boom 2", h.endpoint.error(5000).getMessage());
        assertFalse(h.endpoint.overlapped);
    }

    @Test
    void onErrorThatThrowsIsLoggedAndTheSessionGoesOn() throws Exception {
        java.util.concurrent.LinkedBlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        dev.gannet.websocket.transport.InMemoryTransport.Pair pair = dev.gannet.websocket.transport.InMemoryTransport.pair();
        jakarta.websocket.Endpoint endpoint = new jakarta.websocket.Endpoint() {
            @Override
            public void onOpen(jakarta.websocket.Session session, jakarta.websocket.EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    seen.add(text);
                    throw new IllegalStateException("handler");
                });
                throw new IllegalStateException("onOpen");
            }

            @Override
            public void onError(jakarta.websocket.Session session, Throwable thr) {
                seen.add("error:" + thr.getMessage());
                throw new IllegalStateException("onError itself");
            }
        };
        WsSession session = new WsSession(SessionConfig.builder().role(dev.gannet.websocket.protocol.Role.SERVER)
                .transport(pair.server()).endpoint(endpoint).endpointConfig(Harness.config(java.util.List.of(),
                        java.util.List.of())).build());
        RawPeer peer = new RawPeer(pair.client(), dev.gannet.websocket.protocol.Role.CLIENT);
        session.start();
        assertEquals("error:onOpen", seen.poll(5, TimeUnit.SECONDS));
        peer.sendText("x");
        assertEquals("x", seen.poll(5, TimeUnit.SECONDS));
        assertEquals("error:handler", seen.poll(5, TimeUnit.SECONDS));
        assertTrue(session.isOpen());
        pair.client().abort();
        pair.server().abort();
    }
}
