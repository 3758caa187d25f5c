package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.ClosePayload;
import dev.gannet.websocket.protocol.FrameHeaders;
import dev.gannet.websocket.protocol.FrameListener;
import dev.gannet.websocket.protocol.FrameParser;
import dev.gannet.websocket.protocol.Masking;
import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.transport.InMemoryTransport;
import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Test utility shared by the api-impl streams: the far end of an {@link InMemoryTransport} pair
 * speaking raw frames, so tests can drive a {@link WsSession} byte by byte and check what it puts
 * on the wire. Writes frames with {@link FrameHeaders} and {@link Masking} (masked when the raw
 * peer plays the client), reads them with a {@link FrameParser} into a queue.
 */
public final class RawPeer implements TransportListener, FrameListener {

    /** One received frame; the payload is unmasked (and still compressed if RSV1 is set). */
    public record Frame(int opcode, boolean fin, boolean rsv1, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public ClosePayload close() {
            return ClosePayload.parse(ByteBuffer.wrap(payload));
        }

        @Override
        public String toString() {
            return "Frame[op=" + opcode + ", fin=" + fin + ", rsv1=" + rsv1 + ", " + payload.length + " bytes]";
        }
    }

    private final InMemoryTransport transport;
    private final Role role;
    private final FrameParser parser;
    private final LinkedBlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final CountDownLatch eof = new CountDownLatch(1);
    private final Semaphore writeSlot = new Semaphore(1);
    private volatile boolean paused;
    private ByteArrayOutputStream current;
    private int currentOpcode;
    private boolean currentFin;
    private boolean currentRsv1;

    /** Attaches to {@code transport} as {@code role} (CLIENT masks what it sends) and starts reading. */
    public RawPeer(InMemoryTransport transport, Role role) {
        this.transport = transport;
        this.role = role;
        this.parser = new FrameParser(role, this);
        this.parser.allowRsv1(true);
        transport.setListener(this);
        transport.demand();
    }

    /** Stops reading (the session's writes then back up once the transport's capacity is reached). */
    public void pause() {
        paused = true;
    }

    /** Resumes reading. */
    public void resume() {
        paused = false;
        transport.demand();
    }

    public InMemoryTransport transport() {
        return transport;
    }

    // ------------------------------------------------------------- sending

    public void sendFrame(int opcode, boolean fin, int rsv, byte[] payload) {
        boolean masked = role == Role.CLIENT;
        int key = masked ? Masking.newMaskKey() : 0;
        ByteBuffer header = ByteBuffer.allocate(FrameHeaders.MAX_HEADER_LENGTH);
        FrameHeaders.write(header, fin, rsv, opcode, payload.length, masked, key);
        header.flip();
        byte[] body = payload.clone();
        if (masked) {
            Masking.mask(body, 0, body.length, key, 0);
        }
        write(header, ByteBuffer.wrap(body));
    }

    /** Writes raw bytes as they are (for malformed input). */
    public void sendRaw(byte[] bytes) {
        write(ByteBuffer.wrap(bytes));
    }

    private void write(ByteBuffer... buffers) {
        try {
            if (!writeSlot.tryAcquire(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("previous raw write did not complete");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        transport.write(buffers, new WriteCallback() {
            @Override
            public void completed() {
                writeSlot.release();
            }

            @Override
            public void failed(Throwable failure) {
                writeSlot.release();
            }
        });
    }

    public void sendText(String text) {
        sendFrame(OpCode.TEXT, true, 0, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendBinary(byte[] data) {
        sendFrame(OpCode.BINARY, true, 0, data);
    }

    public void sendClose(int code, String reason) {
        ByteBuffer b = ByteBuffer.allocate(125);
        ClosePayload.write(b, code, reason);
        b.flip();
        byte[] payload = new byte[b.remaining()];
        b.get(payload);
        sendFrame(OpCode.CLOSE, true, 0, payload);
    }

    public void sendPing(byte[] data) {
        sendFrame(OpCode.PING, true, 0, data);
    }

    // ------------------------------------------------------------- receiving

    /** The next frame within {@code ms}, or an AssertionError. */
    public Frame next(long ms) throws InterruptedException {
        Object o = frames.poll(ms, TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new AssertionError("No frame within " + ms + " ms");
        }
        if (o instanceof Throwable t) {
            throw new AssertionError("Peer saw a protocol error: " + t, t);
        }
        return (Frame) o;
    }

    /** The next frame within {@code ms}, or null. */
    public Frame poll(long ms) throws InterruptedException {
        Object o = frames.poll(ms, TimeUnit.MILLISECONDS);
        if (o instanceof Throwable t) {
            throw new AssertionError("Peer saw a protocol error: " + t, t);
        }
        return (Frame) o;
    }

    /** Waits for end-of-stream from the session's side; returns whether it came in time. */
    public boolean awaitEof(long ms) throws InterruptedException {
        return eof.await(ms, TimeUnit.MILLISECONDS);
    }

    /** Closes the raw side (the session sees end-of-stream). */
    public void closeTransport() {
        transport.close();
    }

    @Override
    public void onData(ByteBuffer data) {
        try {
            parser.parse(data);
        } catch (RuntimeException e) {
            frames.add(e);
            return;
        }
        if (!paused) {
            transport.demand();
        }
    }

    @Override
    public void onEndOfStream() {
        eof.countDown();
    }

    @Override
    public void onError(Throwable failure) {
        frames.add(failure);
        eof.countDown();
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer payload) {
        byte[] p = new byte[payload.remaining()];
        payload.duplicate().get(p);
        frames.add(new Frame(opcode, true, false, p));
    }

    @Override
    public void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long payloadLength) {
        current = new ByteArrayOutputStream((int) Math.min(payloadLength, 1 << 20));
        currentOpcode = opcode;
        currentFin = fin;
        currentRsv1 = rsv1;
    }

    @Override
    public void onDataPayload(ByteBuffer chunk) {
        byte[] p = new byte[chunk.remaining()];
        chunk.get(p);
        current.write(p, 0, p.length);
    }

    @Override
    public void onDataFrameEnd() {
        frames.add(new Frame(currentOpcode, currentFin, currentRsv1, current.toByteArray()));
        current = null;
    }

}
