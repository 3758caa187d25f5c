package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.transport.InMemoryTransport;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sending: ordering under concurrency, partial messages, coders, streams, bounds and timeouts. */
@Timeout(30)
class SessionSendingTest extends WithHarness {

    @Test
    void manyThreadsSendingAreSerialisedInOrderWithoutInterleaving() throws Exception {
        h = Harness.server(s -> { });
        int threads = 8;
        int perThread = 500;
        List<Thread> workers = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    go.await();
                    List<Future<Void>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String msg = id + ":" + i;
                        switch (id % 4) {
                            case 0 -> h.session.getBasicRemote().sendText(msg);
                            case 1 -> futures.add(h.session.getAsyncRemote().sendText(msg));
                            case 2 -> {
                                try (Writer w2 = h.session.getBasicRemote().getSendWriter()) {
                                    w2.write(msg, 0, 2);
                                    w2.flush();
                                    w2.write(msg.substring(2));
                                }
                            }
                            default -> {
                                RemoteEndpoint.Basic b = h.session.getBasicRemote();
                                synchronized (b) { // one partial message per remote at a time
                                    b.sendText(msg.substring(0, 1), false);
                                    b.sendText(msg.substring(1), true);
                                }
                            }
                        }
                    }
                    for (Future<Void> f : futures) {
                        f.get(20, TimeUnit.SECONDS);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            w.start();
            workers.add(w);
        }
        go.countDown();
        Map<Integer, Integer> next = new HashMap<>();
        StringBuilder fragmented = null;
        int received = 0;
        while (received < threads * perThread) {
            RawPeer.Frame f = h.peer.next(10000);
            String message;
            if (f.opcode() == OpCode.TEXT && f.fin()) {
                assertTrue(fragmented == null, "whole message inside a fragmented one");
                message = f.text();
            } else if (f.opcode() == OpCode.TEXT) {
                assertTrue(fragmented == null, "new message inside a fragmented one");
                fragmented = new StringBuilder(f.text());
                continue;
            } else {
                assertEquals(OpCode.CONTINUATION, f.opcode());
                assertNotNull(fragmented, "continuation without a message");
                fragmented.append(f.text());
                if (!f.fin()) {
                    continue;
                }
                message = fragmented.toString();
                fragmented = null;
            }
            int colon = message.indexOf(':');
            int thread = Integer.parseInt(message.substring(0, colon));
            int seq = Integer.parseInt(message.substring(colon + 1));
            assertEquals(next.getOrDefault(thread, 0), seq, "per-thread order of thread " + thread);
            next.put(thread, seq + 1);
            received++;
        }
        for (Thread w : workers) {
            w.join(10000);
        }
        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
        assertEquals(null, h.peer.poll(100), "no extra frames");
    }

    @Test
    void sendStreamAndWriterSendNothingWithoutAWriteAndAMessageAfterAnEmptyWrite() throws Exception {
        h = Harness.server(s -> { });
        h.session.getBasicRemote().getSendStream().close();
        h.session.getBasicRemote().getSendWriter().close();
        assertEquals(null, h.peer.poll(200));
        try (Writer w = h.session.getBasicRemote().getSendWriter()) {
            w.write("");
        }
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(OpCode.TEXT, f.opcode());
        assertEquals(0, f.payload().length);
        try (OutputStream out = h.session.getBasicRemote().getSendStream()) {
            out.write(new byte[0]);
        }
        assertEquals(OpCode.BINARY, h.peer.next(5000).opcode());
    }

    @Test
    void batchingHoldsMessagesUntilFlushed() throws Exception {
        h = Harness.server(s -> { });
        RemoteEndpoint.Basic basic = h.session.getBasicRemote();
        basic.setBatchingAllowed(true);
        assertTrue(h.session.getAsyncRemote().getBatchingAllowed());
        ByteBuffer reused = ByteBuffer.wrap("one".getBytes(StandardCharsets.UTF_8));
        basic.sendBinary(reused); // returns once in the batch
        reused.put(0, (byte) 'X'); // the batch holds a copy
        Future<Void> two = h.session.getAsyncRemote().sendText("two");
        assertTrue(two.isDone(), "a batched send completes once in the batch");
        basic.sendPing(ByteBuffer.allocate(0)); // control frames are not held
        assertEquals(OpCode.PING, h.peer.next(5000).opcode());
        assertEquals(null, h.peer.poll(200), "data is held until flushed");
        basic.flushBatch();
        assertEquals("one", h.peer.next(5000).text());
        assertEquals("two", h.peer.next(5000).text());
        for (int i = 0; i < 20; i++) {
            basic.sendBinary(ByteBuffer.allocate(5000)); // 100 KB: more than a batch holds
        }
        for (int i = 0; i < 12; i++) {
            assertEquals(5000, h.peer.next(5000).payload().length);
        }
        basic.setBatchingAllowed(false); // flushes the rest
        for (int i = 12; i < 20; i++) {
            assertEquals(5000, h.peer.next(5000).payload().length);
        }
        basic.sendText("direct");
        assertEquals("direct", h.peer.next(5000).text());
    }

    @Test
    void wholeMessageWaitsForAPartialMessageInProgressAndControlFramesMayInterleave() throws Exception {
        h = Harness.server(s -> { });
        RemoteEndpoint.Basic basic = h.session.getBasicRemote();
        basic.sendText("p1", false);
        CompletableFuture<Void> whole = CompletableFuture.runAsync(() -> {
            try {
                basic.sendText("whole");
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        basic.sendPing(ByteBuffer.wrap(new byte[] {9}));
        RawPeer.Frame first = h.peer.next(5000);
        assertEquals("p1", first.text());
        assertFalse(first.fin());
        assertEquals(OpCode.PING, h.peer.next(5000).opcode());
        assertEquals(null, h.peer.poll(200), "the whole message must wait for the partial one");
        assertFalse(whole.isDone());
        basic.sendText("p2", true);
        RawPeer.Frame second = h.peer.next(5000);
        assertEquals(OpCode.CONTINUATION, second.opcode());
        assertEquals("p2", second.text());
        RawPeer.Frame third = h.peer.next(5000);
        assertEquals(OpCode.TEXT, third.opcode());
        assertEquals("whole", third.text());
        whole.get(5, TimeUnit.SECONDS);
    }

    @Test
    void partialTextKeepsSurrogatePairsTogether() throws Exception {
        h = Harness.server(s -> { });
        String smile = "\uD83D\uDE00";
        h.session.getBasicRemote().sendText("a" + smile.charAt(0), false);
        h.session.getBasicRemote().sendText(smile.charAt(1) + "b", true);
        byte[] all = concat(h.peer.next(5000).payload(), h.peer.next(5000).payload());
        assertEquals("a" + smile + "b", new String(all, StandardCharsets.UTF_8));
    }

    @Test
    void sendStreamFragmentsAndEndsTheMessageOnClose() throws Exception {
        h = Harness.server(s -> { });
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        try (OutputStream out = h.session.getBasicRemote().getSendStream()) {
            out.write(data, 0, 1000);
            out.write(data, 1000, data.length - 1000);
        }
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(OpCode.BINARY, f.opcode());
        got.write(f.payload());
        while (!f.fin()) {
            f = h.peer.next(5000);
            assertEquals(OpCode.CONTINUATION, f.opcode());
            got.write(f.payload());
        }
        assertArrayEquals(data, got.toByteArray());
    }

    @Test
    void sendStreamFragmentSizeIsItsOwnNotTheInboundBufferSize() throws Exception {
        h = Harness.server(s -> s.setMaxBinaryMessageBufferSize(1 << 20));
        for (int round = 0; round < 2; round++) { // the second stream reuses the session's buffer
            try (OutputStream out = h.session.getBasicRemote().getSendStream()) {
                out.write(new byte[40_000]);
            }
            List<Integer> sizes = new ArrayList<>();
            RawPeer.Frame f;
            do {
                f = h.peer.next(5000);
                sizes.add(f.payload().length);
            } while (!f.fin());
            int fragment = MessageOutputStream.SEND_FRAGMENT_BYTES;
            assertEquals(List.of(fragment, fragment, 40_000 - 2 * fragment), sizes);
        }
    }

    public static final class Point {
        final int x;

        public Point(int x) {
            this.x = x;
        }
    }

    public static final class PointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point p) {
            return "P" + p.x;
        }
    }

    @Test
    void sendObjectUsesConfiguredAndBuiltInEncoders() throws Exception {
        h = Harness.server(s -> { }, SessionSettings.defaults(), Harness.config(List.of(), List.of(PointEncoder.class)),
                InMemoryTransport.DEFAULT_CAPACITY);
        RemoteEndpoint.Basic basic = h.session.getBasicRemote();
        basic.sendObject(new Point(3));
        assertEquals("P3", h.peer.next(5000).text());
        basic.sendObject(42);
        assertEquals("42", h.peer.next(5000).text());
        basic.sendObject(true);
        assertEquals("true", h.peer.next(5000).text());
        basic.sendObject(new byte[] {1, 2});
        RawPeer.Frame bin = h.peer.next(5000);
        assertEquals(OpCode.BINARY, bin.opcode());
        assertArrayEquals(new byte[] {1, 2}, bin.payload());
        assertThrows(EncodeException.class, () -> basic.sendObject(new Object()));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> h.session.getAsyncRemote().sendObject(new Object()).get(5, TimeUnit.SECONDS));
        assertInstanceOf(EncodeException.class, e.getCause());
        LinkedBlockingQueue<SendResult> results = new LinkedBlockingQueue<>();
        h.session.getAsyncRemote().sendObject(new Point(4), results::add);
        SendResult r = results.poll(5, TimeUnit.SECONDS);
        assertTrue(r.isOK());
        assertEquals(h.session, r.getSession());
        assertEquals("P4", h.peer.next(5000).text());
    }

    @Test
    void pingPayloadIsLimitedTo125Bytes() throws Exception {
        h = Harness.server(s -> { });
        assertThrows(IllegalArgumentException.class,
                () -> h.session.getBasicRemote().sendPing(ByteBuffer.allocate(126)));
        assertThrows(IllegalArgumentException.class,
                () -> h.session.getAsyncRemote().sendPong(ByteBuffer.allocate(126)));
        h.session.getAsyncRemote().sendPing(ByteBuffer.allocate(125));
        assertEquals(125, h.peer.next(5000).payload().length);
    }

    @Test
    void clientRoleMasksEveryFrame() throws Exception {
        // The raw peer plays the server; its parser rejects unmasked frames from a client.
        h = Harness.create(Role.CLIENT, s -> { }, SessionSettings.defaults(), Harness.config(List.of(), List.of()),
                InMemoryTransport.DEFAULT_CAPACITY, Optional.empty());
        h.session.getBasicRemote().sendText("masked");
        h.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[300]));
        assertEquals("masked", h.peer.next(5000).text());
        assertEquals(300, h.peer.next(5000).payload().length);
        h.session.addMessageHandler(String.class, (jakarta.websocket.MessageHandler.Whole<String>) h.endpoint.events::add);
        h.peer.sendText("from the server, unmasked");
        assertEquals("from the server, unmasked", h.endpoint.event(5000));
    }

    @Test
    void asyncSendFailsThroughItsHandlerWhenTheQueueBoundIsReached() throws Exception {
        SessionSettings settings = SessionSettings.defaults().withOutboundQueueBytes(64 * 1024).withSendTimeoutMs(0);
        h = Harness.server(s -> { }, settings, Harness.config(List.of(), List.of()), 16 * 1024);
        h.peer.pause();
        LinkedBlockingQueue<SendResult> results = new LinkedBlockingQueue<>();
        SendResult refused = null;
        int sent = 0;
        for (int i = 0; i < 100 && refused == null; i++) {
            h.session.getAsyncRemote().sendBinary(ByteBuffer.allocate(10_000), results::add);
            sent++;
            SendResult r = results.poll(10, TimeUnit.MILLISECONDS);
            if (r != null && !r.isOK()) {
                refused = r;
            } else if (r != null) {
                sent--; // completed: not in the queue
            }
        }
        assertNotNull(refused, "the bound must be reached");
        assertTrue(refused.getException().getMessage().contains("limit"), refused.getException().getMessage());
        assertTrue(h.session.queuedOutboundBytes() <= 64 * 1024 + 10_000);
        h.peer.resume();
        assertTrue(h.session.isOpen());
        h.session.getBasicRemote().sendText("after");
    }

    @Test
    void blockingSendWaitsAtTheBoundThenTimesOut() throws Exception {
        SessionSettings settings = SessionSettings.defaults().withOutboundQueueBytes(32 * 1024).withSendTimeoutMs(300);
        h = Harness.server(s -> { }, settings, Harness.config(List.of(), List.of()), 8 * 1024);
        h.peer.pause();
        long start = System.nanoTime();
        IOException failure = null;
        try {
            for (int i = 0; i < 100; i++) {
                h.session.getBasicRemote().sendBinary(ByteBuffer.allocate(10_000));
            }
        } catch (IOException e) {
            failure = e;
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertInstanceOf(SocketTimeoutException.class, failure);
        assertTrue(ms >= 290, "waited " + ms + " ms");
        assertTrue(ms < 5000, "waited " + ms + " ms");
    }

    @Test
    void asyncSendTimeoutFailsTheFuture() throws Exception {
        SessionSettings settings = SessionSettings.defaults().withSendTimeoutMs(60_000);
        h = Harness.server(s -> { }, settings, Harness.config(List.of(), List.of()), 8 * 1024);
        h.session.getAsyncRemote().setSendTimeout(200);
        assertEquals(200, h.session.getAsyncRemote().getSendTimeout());
        h.peer.pause();
        List<Future<Void>> futures = new ArrayList<>();
        // At most one 64 KiB delivery (demanded before the pause) plus 8 KiB of capacity get through.
        for (int i = 0; i < 10; i++) {
            futures.add(h.session.getAsyncRemote().sendBinary(ByteBuffer.allocate(20_000)));
        }
        int timeouts = 0;
        int failed = 0;
        List<String> outcomes = new ArrayList<>();
        for (Future<Void> f : futures) {
            try {
                f.get(10, TimeUnit.SECONDS);
                outcomes.add("ok");
            } catch (ExecutionException other) {
                failed++;
                outcomes.add(String.valueOf(other.getCause()));
                if (other.getCause() instanceof SocketTimeoutException) {
                    timeouts++;
                }
                assertInstanceOf(IOException.class, other.getCause(), () -> "outcomes: " + outcomes);
            }
        }
        assertTrue(failed >= 3, "sends stuck behind a reader that stopped must fail: " + outcomes);
        assertTrue(timeouts >= 1, "one send learns of its timeout: " + outcomes);
        // Half-written messages leave the connection unusable: the session ends with 1006.
        assertEquals(1006, h.endpoint.close(10000).getCloseCode().getCode(), () -> "outcomes: " + outcomes);
    }

    @Test
    void sendAfterCloseThrows() throws Exception {
        h = Harness.server(s -> { });
        h.session.close();
        assertThrows(IOException.class, () -> h.session.getBasicRemote().sendText("late"));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> h.session.getAsyncRemote().sendText("late").get(5, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void sendHandlerMayMakeABlockingSend() throws Exception {
        h = Harness.server(s -> { });
        LinkedBlockingQueue<Object> done = new LinkedBlockingQueue<>();
        h.session.getAsyncRemote().sendText("first", result -> {
            try {
                h.session.getBasicRemote().sendText("second, from the SendHandler");
                done.add("ok");
            } catch (IOException e) {
                done.add(e);
            }
        });
        assertEquals("first", h.peer.next(5000).text());
        assertEquals("second, from the SendHandler", h.peer.next(5000).text());
        assertEquals("ok", done.poll(5, TimeUnit.SECONDS));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
