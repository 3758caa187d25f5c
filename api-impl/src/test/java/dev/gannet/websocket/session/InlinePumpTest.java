package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.FrameListener;
import dev.gannet.websocket.protocol.FrameParser;
import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.transport.Transport;
import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A transport that completes every write inline must not keep the thread that pumped the queue
 * (a sender, or the inbound thread) writing everyone's frames: it starts a bounded number of
 * writes and the executor does the rest.
 */
@Timeout(30)
class InlinePumpTest {

    /** Parses what is written and completes each write before returning from write(). */
    private static final class InlineTransport implements Transport, FrameListener {
        final Map<String, AtomicInteger> writesByThread = new ConcurrentHashMap<>();
        final FrameParser parser = new FrameParser(Role.CLIENT, this);
        final AtomicInteger texts = new AtomicInteger();

        @Override
        public void write(ByteBuffer[] buffers, WriteCallback callback) {
            writesByThread.computeIfAbsent(Thread.currentThread().getName(), k -> new AtomicInteger()).incrementAndGet();
            for (ByteBuffer b : buffers) {
                parser.parse(b);
            }
            callback.completed();
        }

        @Override
        public void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long payloadLength) {
            if (opcode == OpCode.TEXT) {
                texts.incrementAndGet();
            }
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
        }

        @Override
        public void onDataPayload(ByteBuffer chunk) {
        }

        @Override
        public void onDataFrameEnd() {
        }

        @Override
        public void setListener(TransportListener listener) {
        }

        @Override
        public void demand() {
        }

        @Override
        public void close() {
        }

        @Override
        public void abort() {
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
    void aFlushingThreadStartsABoundedNumberOfWritesAndTheExecutorWritesTheRest() throws Exception {
        InlineTransport transport = new InlineTransport();
        WsSession session = new WsSession(SessionConfig.builder()
                .role(Role.SERVER)
                .transport(transport)
                .endpoint(new RecordingEndpoint(s -> { }))
                .endpointConfig(Harness.config(List.of(), List.of()))
                .settings(SessionSettings.defaults())
                .build());
        session.start();
        session.getAsyncRemote().setBatchingAllowed(true);
        int messages = 40 * 32; // 40 writes of at most 32 frames
        for (int i = 0; i < messages; i++) {
            session.getAsyncRemote().sendText("m");
        }
        session.getAsyncRemote().flushBatch(); // waits until everything was written
        assertEquals(messages, transport.texts.get());
        String me = Thread.currentThread().getName();
        int mine = transport.writesByThread.getOrDefault(me, new AtomicInteger()).get();
        assertTrue(mine <= OutboundQueue.MAX_WRITES_PER_PUMP, "writes on the flushing thread: "
                + transport.writesByThread);
        assertTrue(transport.writesByThread.size() > 1, "others wrote the rest: " + transport.writesByThread);
    }
}
