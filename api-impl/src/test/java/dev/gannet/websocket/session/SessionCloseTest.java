package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.CloseCodes;
import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The close handshake in all its variants; onClose exactly once; resources and registries released. */
@Timeout(20)
class SessionCloseTest extends WithHarness {

    @Test
    void localCloseWaitsForThePeersCloseThenEnds() throws Exception {
        h = Harness.server(s -> { });
        h.session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4000), "bye"));
        assertTrue(h.session.isOpen(), "open until onClose has run");
        assertThrows(java.io.IOException.class, () -> h.session.getBasicRemote().sendText("late"));
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
        assertThrows(IllegalStateException.class, () -> h.session.getBasicRemote());
        assertThrows(IllegalStateException.class, () -> h.session.getPathParameters());
        assertThrows(IllegalStateException.class, () -> h.session.addMessageHandler(String.class,
                (MessageHandler.Whole<String>) x -> { }));
        assertFalse(h.session.isOpen());
        h.session.getId();
    }

    @Test
    void isOpenTurnsFalseOnlyOnceOnCloseHasRun() throws Exception {
        // Endpoint.onClose runs "immediately prior to the session being closed": whoever closes
        // and then waits for isOpen() to turn false finds onClose done, on either side.
        h = Harness.server(s -> { });
        h.session.close();
        assertEquals(OpCode.CLOSE, h.peer.next(5000).opcode());
        h.peer.sendClose(1000, "");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (h.session.isOpen() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(h.session.isOpen());
        assertEquals(1, h.endpoint.closeCount.get(), "onClose had run when isOpen() turned false");

        Harness peerCloses = Harness.server(s -> { });
        try {
            peerCloses.peer.sendClose(1000, "");
            deadline = System.nanoTime() + 5_000_000_000L;
            while (peerCloses.session.isOpen() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertFalse(peerCloses.session.isOpen());
            assertEquals(1, peerCloses.endpoint.closeCount.get(), "onClose had run when isOpen() turned false");
        } finally {
            peerCloses.shutdown();
        }
    }

    @Test
    void sessionMethodsStillWorkDuringOnClose() throws Exception {
        java.util.concurrent.LinkedBlockingQueue<Object> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        dev.gannet.websocket.transport.InMemoryTransport.Pair pair = dev.gannet.websocket.transport.InMemoryTransport.pair();
        jakarta.websocket.Endpoint endpoint = new jakarta.websocket.Endpoint() {
            @Override
            public void onOpen(jakarta.websocket.Session session, jakarta.websocket.EndpointConfig config) {
            }

            @Override
            public void onClose(jakarta.websocket.Session session, CloseReason reason) {
                seen.add(session.getPathParameters().get("p") + ":" + session.isOpen());
            }
        };
        WsSession session = new WsSession(SessionConfig.builder().role(dev.gannet.websocket.protocol.Role.SERVER)
                .transport(pair.server()).endpoint(endpoint).pathParameters(java.util.Map.of("p", "v"))
                .endpointConfig(Harness.config(java.util.List.of(), java.util.List.of())).build());
        RawPeer peer = new RawPeer(pair.client(), dev.gannet.websocket.protocol.Role.CLIENT);
        session.start();
        peer.sendClose(1000, "");
        // onClose runs just before the session counts as closed: isOpen() is still true there.
        assertEquals("v:true", seen.poll(5, TimeUnit.SECONDS));
        pair.client().abort();
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
        // Open until onClose has returned; the test saw onClose from inside it.
        for (long end = System.nanoTime() + 5_000_000_000L; h.session.isOpen() && System.nanoTime() < end; ) {
            Thread.onSpinWait();
        }
        assertFalse(h.session.isOpen());
        assertTrue(h.awaitEnded(5000));
        assertEquals(1, h.endpoint.closeCount.get());
    }

    @Test
    void readErrorGoesToOnErrorThenOnCloseWith1006() throws Exception {
        h = Harness.server(s -> { });
        h.pair.server().injectReadError(new java.io.IOException("connection reset"));
        assertEquals("connection reset", h.endpoint.error(5000).getMessage());
        CloseReason r = h.endpoint.close(5000);
        assertEquals(1006, r.getCloseCode().getCode());
        assertTrue(h.pair.server().isAborted());
        assertTrue(h.awaitEnded(5000));
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
