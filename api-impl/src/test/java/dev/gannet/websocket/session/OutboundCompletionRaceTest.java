package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.FrameListener;
import dev.gannet.websocket.protocol.FrameParser;
import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.transport.InMemoryTransport;
import dev.gannet.websocket.transport.Transport;
import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Races of the outbound path against transports that complete writes on their own threads: the
 * completion of write N (walking its frames) overlapping write N+1 and its completion; a close
 * frame whose write is reported failed although the peer got it.
 */
@Timeout(60)
class OutboundCompletionRaceTest {

    /**
     * A transport that swallows the bytes (parsing them into frames on the writer's thread) and
     * completes every write at once on a pool thread, so the completion of write N can run while
     * write N+1 is started and completed. Records what the engine's callbacks threw.
     */
    private static final class EagerTransport implements Transport, FrameListener {
        final ExecutorService completions = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "eager-completion");
            t.setDaemon(true);
            return t;
        });
        final ConcurrentLinkedQueue<Throwable> callbackFailures = new ConcurrentLinkedQueue<>();
        final AtomicBoolean pending = new AtomicBoolean();
        final AtomicInteger overlappingWrites = new AtomicInteger();
        final FrameParser parser = new FrameParser(Role.CLIENT, this);
        int textMessages; // only touched by write(), which the engine never calls concurrently

        @Override
        public void setListener(TransportListener listener) {
        }

        @Override
        public void demand() {
        }

        @Override
        public void write(ByteBuffer[] buffers, WriteCallback callback) {
            if (!pending.compareAndSet(false, true)) {
                overlappingWrites.incrementAndGet();
            }
            for (ByteBuffer b : buffers) {
                parser.parse(b);
            }
            completions.execute(() -> {
                pending.set(false); // the next write may start before this completion returns
                try {
                    callback.completed();
                } catch (Throwable t) {
                    callbackFailures.add(t);
                }
            });
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
        }

        @Override
        public void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long payloadLength) {
            if (opcode == OpCode.TEXT) {
                textMessages++;
            }
        }

        @Override
        public void onDataPayload(ByteBuffer chunk) {
        }

        @Override
        public void onDataFrameEnd() {
        }

        @Override
        public void close() {
            completions.shutdown();
        }

        @Override
        public void abort() {
            completions.shutdown();
        }

        @Override
        public InetSocketAddress localAddress() {
            return null;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return null;
        }

        @Override
        public boolean isSecure() {
            return false;
        }
    }

    @Test
    void completionsOverlappingTheNextWriteLoseNothing() throws Exception {
        EagerTransport transport = new EagerTransport();
        RecordingEndpoint endpoint = new RecordingEndpoint(s -> { });
        WsSession session = new WsSession(SessionConfig.builder()
                .role(Role.SERVER)
                .transport(transport)
                .endpoint(endpoint)
                .endpointConfig(Harness.config(List.of(), List.of()))
                .settings(SessionSettings.defaults().withSendTimeoutMs(20_000))
                .build());
        session.start();
        int threads = 8;
        int perThread = 3000;
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> sendFailures = new ConcurrentLinkedQueue<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean async = t % 2 == 1;
            Thread sender = new Thread(() -> {
                try {
                    go.await();
                    List<Future<Void>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        if (async) {
                            futures.add(session.getAsyncRemote().sendText("m" + i));
                        } else {
                            session.getBasicRemote().sendText("m" + i);
                        }
                    }
                    for (Future<Void> f : futures) {
                        f.get(20, TimeUnit.SECONDS);
                    }
                } catch (Throwable e) {
                    sendFailures.add(e);
                }
            });
            sender.start();
            senders.add(sender);
        }
        go.countDown();
        for (Thread sender : senders) {
            sender.join(TimeUnit.SECONDS.toMillis(50));
            assertTrue(!sender.isAlive(), "a send hung");
        }
        assertEquals(List.of(), List.copyOf(transport.callbackFailures), "completion callbacks failed");
        assertEquals(List.of(), List.copyOf(sendFailures), "sends failed");
        assertEquals(0, transport.overlappingWrites.get(), "the engine wrote while a write was pending");
        session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        assertTrue(session.outbound().awaitDrained(TimeUnit.SECONDS.toNanos(10)));
        assertEquals(threads * perThread, transport.textMessages);
    }

    /**
     * A transport that reports the write carrying the close frame as failed after delivering it
     * (what a socket may report when the peer closes right after reading our close).
     */
    private static final class FailsCloseWriteTransport extends ForwardingTransport {
        FailsCloseWriteTransport(Transport delegate) {
            super(delegate);
        }

        @Override
        public void write(ByteBuffer[] buffers, WriteCallback callback) {
            boolean carriesClose = buffers.length >= 2 && buffers[buffers.length - 2].remaining() >= 1
                    && (buffers[buffers.length - 2].get(buffers[buffers.length - 2].position()) & 0x0F) == OpCode.CLOSE;
            if (!carriesClose) {
                super.write(buffers, callback);
                return;
            }
            super.write(buffers, new WriteCallback() {
                @Override
                public void completed() {
                    callback.failed(new IOException("Broken pipe (the peer closed after reading)"));
                }

                @Override
                public void failed(Throwable failure) {
                    callback.failed(failure);
                }
            });
        }
    }

    @Test
    void aCloseFrameWriteReportedFailedStillEndsCleanlyWhenThePeerAnswers() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        RecordingEndpoint endpoint = new RecordingEndpoint(s -> { });
        WsSession session = new WsSession(SessionConfig.builder()
                .role(Role.SERVER)
                .transport(new FailsCloseWriteTransport(pair.server()))
                .endpoint(endpoint)
                .endpointConfig(Harness.config(List.of(), List.of()))
                .deflate(Optional.empty())
                .build());
        RawPeer peer = new RawPeer(pair.client(), Role.CLIENT);
        try {
            session.start();
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
            RawPeer.Frame close = peer.next(5000);
            assertEquals(OpCode.CLOSE, close.opcode());
            peer.sendClose(1000, "");
            CloseReason reason = endpoint.close(5000);
            assertEquals(1000, reason.getCloseCode().getCode(), () -> "got " + reason);
            assertEquals("bye", reason.getReasonPhrase());
            assertEquals(1, endpoint.closeCount.get());
        } finally {
            pair.client().abort();
            pair.server().abort();
        }
    }
}
