package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** onClose exactly once under racing causes, serialised callbacks, no timers retained. */
@Timeout(60)
class SessionLifecycleTest {

    @Test
    void onCloseRunsExactlyOnceWhateverRacesToEndTheSession() throws Exception {
        for (int i = 0; i < 40; i++) {
            Harness h = Harness.server(s -> { }, SessionSettings.defaults().withCloseTimeoutMs(200)
                    .withMaxIdleTimeoutMs(1 + i % 5));
            CountDownLatch go = new CountDownLatch(1);
            Thread closer = new Thread(() -> {
                try {
                    go.await();
                    h.session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "race"));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            closer.start();
            go.countDown();
            h.peer.sendClose(1000, "peer");
            if (i % 2 == 0) {
                h.peer.closeTransport();
            }
            h.session.closeForShutdown();
            closer.join(5000);
            h.endpoint.close(5000);
            assertTrue(h.awaitEnded(5000), "iteration " + i);
            Thread.sleep(20);
            assertEquals(1, h.endpoint.closeCount.get(), "iteration " + i);
            assertEquals(1, h.closeListenerCalls(), "iteration " + i);
            assertFalse(h.endpoint.overlapped);
            h.shutdown();
        }
    }

    @Test
    void pongDuringAStreamedMessageWaitsForTheStreamHandler() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Harness[] ref = new Harness[1];
        Harness h = Harness.server(s -> {
            s.addMessageHandler(InputStream.class, (MessageHandler.Whole<InputStream>) in -> {
                ref[0].endpoint.enter();
                try {
                    release.await(5, TimeUnit.SECONDS);
                    ref[0].endpoint.events.add("stream:" + in.readAllBytes().length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    ref[0].endpoint.exit();
                }
            });
            s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) p -> {
                ref[0].endpoint.enter();
                ref[0].endpoint.events.add("pong");
                ref[0].endpoint.exit();
            });
        });
        ref[0] = h;
        h.peer.sendFrame(OpCode.BINARY, false, 0, new byte[10]);
        h.peer.sendFrame(OpCode.PONG, true, 0, new byte[0]);
        h.peer.sendPing(new byte[] {1});
        assertEquals(OpCode.PONG, h.peer.next(5000).opcode(), "pings are answered while the handler runs");
        assertEquals(null, h.endpoint.events.poll(200, TimeUnit.MILLISECONDS));
        release.countDown();
        h.peer.sendFrame(OpCode.CONTINUATION, true, 0, new byte[5]);
        assertEquals("stream:15", h.endpoint.event(5000));
        assertEquals("pong", h.endpoint.event(5000));
        assertFalse(h.endpoint.overlapped, "callbacks of one session never overlap");
        h.shutdown();
    }

    @Test
    void pongsDuringAStreamedMessageAreBoundedToTheLatestFew() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch streaming = new CountDownLatch(1);
        Harness[] ref = new Harness[1];
        Harness h = Harness.server(s -> {
            s.addMessageHandler(InputStream.class, (MessageHandler.Whole<InputStream>) in -> {
                streaming.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                    in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) p ->
                    ref[0].endpoint.events.add("pong" + p.getApplicationData().get(0)));
        });
        ref[0] = h;
        h.peer.sendFrame(OpCode.BINARY, false, 0, new byte[10]);
        assertTrue(streaming.await(5, TimeUnit.SECONDS));
        int sent = 100;
        for (int i = 0; i < sent; i++) {
            h.peer.sendFrame(OpCode.PONG, true, 0, new byte[] {(byte) i});
        }
        h.peer.sendPing(new byte[] {1}); // answered after every pong above was read
        assertEquals(OpCode.PONG, h.peer.next(5000).opcode());
        release.countDown();
        h.peer.sendFrame(OpCode.CONTINUATION, true, 0, new byte[5]);
        h.peer.sendText("marker"); // no text handler: read after the stream's end, nothing delivered
        java.util.List<Object> got = new java.util.ArrayList<>();
        for (int i = 0; i < InboundAssembler.MAX_DEFERRED_PONGS; i++) {
            got.add(h.endpoint.event(5000));
        }
        assertEquals(null, h.endpoint.events.poll(100, TimeUnit.MILLISECONDS), "only the latest are kept: " + got);
        assertEquals("pong" + (sent - InboundAssembler.MAX_DEFERRED_PONGS), got.get(0));
        assertEquals("pong" + (sent - 1), got.get(got.size() - 1));
        h.shutdown();
    }

    @Test
    void closedSessionsLeaveNoTimerBehind() throws Exception {
        // Counted per session: the shared timer's global queue also holds other tests' timers.
        for (int i = 0; i < 20; i++) {
            Harness h = Harness.server(s -> { }, SessionSettings.defaults().withMaxIdleTimeoutMs(60_000)
                    .withSendTimeoutMs(60_000));
            assertTrue(h.session.pendingTimers() >= 1, "the idle timer is armed while open");
            h.session.getAsyncRemote().sendText("with a send timer").get(5, TimeUnit.SECONDS);
            h.peer.next(5000);
            h.session.close();
            assertTrue(h.session.pendingTimers() >= 1, "the close timeout is armed while closing");
            h.peer.next(5000);
            h.peer.sendClose(1000, "");
            assertTrue(h.awaitEnded(5000));
            assertEquals(0, h.session.pendingTimers(), "iteration " + i);
            h.shutdown();
        }
    }

    @Test
    void blockingSendFromOnMessageWhileThePeerKeepsSending() throws Exception {
        Harness[] ref = new Harness[1];
        Harness h = Harness.server(s -> s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
            try {
                s.getBasicRemote().sendBinary(ByteBuffer.allocate(50_000)); // beyond the transport capacity below
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), SessionSettings.defaults(), Harness.config(java.util.List.of(), java.util.List.of()), 16 * 1024);
        ref[0] = h;
        for (int i = 0; i < 20; i++) {
            h.peer.sendBinary(new byte[100]);
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(50_000, h.peer.next(10_000).payload().length);
        }
        assertTrue(h.endpoint.errors.isEmpty(), () -> "errors: " + h.endpoint.errors);
        h.shutdown();
    }
}
