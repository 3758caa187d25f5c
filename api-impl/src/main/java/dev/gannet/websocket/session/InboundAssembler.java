package dev.gannet.websocket.session;

import dev.gannet.websocket.coding.DecoderSet;
import dev.gannet.websocket.protocol.ByteSink;
import dev.gannet.websocket.protocol.ClosePayload;
import dev.gannet.websocket.protocol.CloseCodes;
import dev.gannet.websocket.protocol.FrameListener;
import dev.gannet.websocket.protocol.MessageInflater;
import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.protocol.ProtocolException;
import dev.gannet.websocket.protocol.Utf8Validator;
import jakarta.websocket.DecodeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns parsed frames into endpoint calls on the inbound thread: validates text as UTF-8 as it
 * arrives, inflates compressed messages, enforces the buffer size limits before buffering, and
 * delivers whole messages (raw or decoded), partial messages (in chunks of at most the buffer
 * size, cut at character boundaries) or streams (a handler on the executor reading a bounded pipe
 * the inbound thread fills). The handler chosen at a message's first frame serves the whole
 * message. Not thread-safe: the transport calls one delivery at a time.
 */
final class InboundAssembler implements FrameListener {

    private enum Mode { DISCARD, WHOLE, PARTIAL, STREAM }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final WsSession session;
    // Made with the first message: a connection that never received one holds neither. Used only
    // between startMessage and the end of that message.
    private Utf8Validator utf8;
    private final MessageInflater inflater;
    /** Where the inflater writes; only when permessage-deflate was negotiated. */
    private final ByteSink inflated;
    private MessageBuffer buffer;
    /** Pongs kept while a stream handler runs: the latest ones only, inbound memory stays bounded. */
    static final int MAX_DEFERRED_PONGS = 16;
    /** Created by the first pong that has to wait; an idle session holds none. */
    private ArrayDeque<PongMessageImpl> deferredPongs;
    /**
     * Guards the inflater between the inbound thread and {@link #release()} without ever making
     * release wait: user code (a partial handler) runs inside inflate's callback, so a thread
     * waiting for this lock could wait as long as that handler blocks.
     */
    /** Only when permessage-deflate was negotiated. */
    private final ReentrantLock inflaterLock;
    private volatile boolean releaseRequested;

    private boolean text;
    private boolean compressed;
    private boolean frameFin;
    private Mode mode;
    private HandlerBinding binding;
    private int limit;
    private long messageBytes;
    private volatile StreamDelivery stream;
    private boolean closeReceived;
    private boolean released;

    InboundAssembler(WsSession session, MessageInflater inflater) {
        this.session = session;
        this.inflater = inflater;
        this.inflaterLock = inflater != null ? new ReentrantLock() : null;
        this.inflated = inflater != null ? this::onMessageBytes : null;
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer payload) {
        if (closeReceived) {
            return; // nothing after a close frame counts (RFC 6455 5.5.1)
        }
        switch (opcode) {
            case OpCode.PING -> session.replyPong(payload);
            case OpCode.PONG -> onPong(payload);
            case OpCode.CLOSE -> {
                closeReceived = true;
                abortStream(new IOException("The peer closed the connection during this message"));
                session.onPeerClose(ClosePayload.parse(payload));
            }
            default -> throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "Unknown control opcode " + opcode);
        }
    }

    private void onPong(ByteBuffer payload) {
        HandlerBinding pong = session.handlers().pong();
        if (pong == null) {
            return;
        }
        byte[] data = new byte[payload.remaining()];
        payload.duplicate().get(data);
        PongMessageImpl message = new PongMessageImpl(data);
        if (stream != null) {
            // The stream handler is running and callbacks never overlap: keep the latest few.
            if (deferredPongs == null) {
                deferredPongs = new ArrayDeque<>(4);
            }
            if (deferredPongs.size() == MAX_DEFERRED_PONGS) {
                deferredPongs.poll();
            }
            deferredPongs.add(message);
        } else {
            session.invoke(() -> pong.whole(message));
        }
    }

    @Override
    public void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long payloadLength) {
        if (closeReceived) {
            mode = Mode.DISCARD;
            compressed = false;
            text = false;
            frameFin = false;
            return;
        }
        if (opcode != OpCode.CONTINUATION) {
            startMessage(opcode == OpCode.TEXT, rsv1);
        }
        frameFin = fin;
        if (!compressed && mode == Mode.WHOLE && messageBytes + payloadLength > limit) {
            throw tooBig(messageBytes + payloadLength);
        }
    }

    private void startMessage(boolean isText, boolean rsv1) {
        text = isText;
        compressed = rsv1;
        messageBytes = 0;
        if (utf8 == null) {
            utf8 = new Utf8Validator();
            buffer = new MessageBuffer();
        } else {
            utf8.reset();
            buffer.clear();
        }
        binding = isText ? session.handlers().text() : session.handlers().binary();
        limit = isText ? session.maxTextBuffer() : session.maxBinaryBuffer();
        if (binding == null) {
            mode = Mode.DISCARD;
        } else if (binding.partial()) {
            mode = Mode.PARTIAL;
        } else if ((binding.type() == Reader.class || binding.type() == InputStream.class)
                && !session.decoders().hasDecoderFor(binding.type())) {
            // A configured decoder producing Reader/InputStream is tried first (spec 4.1.3) and
            // needs the whole message; without one the handler reads the message as it arrives.
            mode = Mode.STREAM;
            startStream();
        } else {
            mode = Mode.WHOLE;
        }
    }

    @Override
    public void onDataPayload(ByteBuffer chunk) {
        if (closeReceived) {
            chunk.position(chunk.limit());
            return;
        }
        if (compressed) {
            if (inflater == null) {
                throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "RSV1 set but permessage-deflate was not negotiated");
            }
            inflate(chunk, false);
        } else {
            onMessageBytes(chunk);
        }
    }

    @Override
    public void onDataFrameEnd() {
        if (closeReceived) {
            return;
        }
        if (compressed && frameFin) {
            inflate(EMPTY.duplicate(), true);
        }
        if (text && frameFin) {
            utf8.endOfMessage();
        }
        if (mode == Mode.PARTIAL && (frameFin || buffer.size() > 0)) {
            deliverPart(frameFin);
        }
        if (frameFin) {
            endMessage();
        }
    }

    private void onMessageBytes(ByteBuffer chunk) {
        if (text) {
            utf8.validate(chunk);
        }
        int n = chunk.remaining();
        messageBytes += n;
        switch (mode) {
            case WHOLE -> {
                if (messageBytes > limit) {
                    throw tooBig(messageBytes);
                }
                buffer.append(chunk);
            }
            case PARTIAL -> {
                while (chunk.hasRemaining()) {
                    int room = Math.max(limit, 4) - buffer.size(); // room for one whole character
                    if (room <= 0) {
                        deliverPart(false);
                        continue;
                    }
                    buffer.append(chunk, Math.min(room, chunk.remaining()));
                }
            }
            case STREAM -> stream.write(chunk);
            default -> chunk.position(chunk.limit());
        }
    }

    private ProtocolException tooBig(long size) {
        return new ProtocolException(CloseCodes.TOO_BIG, (text ? "Text" : "Binary") + " message of more than "
                + limit + " bytes (max " + (text ? "text" : "binary") + " message buffer size), got " + size);
    }

    private void deliverPart(boolean last) {
        HandlerBinding b = binding;
        Object part;
        if (text) {
            String complete = buffer.takeCompleteText();
            if (complete.isEmpty() && !last) {
                return; // only the start of a character so far
            }
            part = complete;
        } else {
            byte[] bytes = buffer.copy();
            buffer.clear();
            part = b.type() == byte[].class ? bytes : ByteBuffer.wrap(bytes);
        }
        session.invoke(() -> b.partial(part, last));
    }

    private void endMessage() {
        HandlerBinding b = binding;
        binding = null;
        switch (mode) {
            case WHOLE -> deliverWhole(b);
            case STREAM -> finishStream();
            default -> { }
        }
        buffer.clear();
        mode = Mode.DISCARD;
    }

    /**
     * String, ByteBuffer and byte[] handlers (and Reader and InputStream handlers, when a decoder
     * for their type is configured) get the message itself unless a configured decoder
     * produces their type and accepts the message (spec 4.1.3: decoders are tried first); other
     * types are decoded, a DecodeException going to onError.
     */
    private void deliverWhole(HandlerBinding b) {
        Class<?> type = b.type();
        DecoderSet decoders = session.decoders();
        boolean raw = type == String.class || type == ByteBuffer.class || type == byte[].class
                || type == Reader.class || type == InputStream.class;
        boolean tryDecoders = !raw || decoders.hasDecoderFor(type);
        if (text) {
            String s = buffer.text();
            if (!tryDecoders) {
                session.invoke(() -> b.whole(s));
                return;
            }
            session.invoke(() -> {
                Object decoded;
                try {
                    decoded = raw ? decoders.tryDecodeText(type, s) : decoders.decodeText(type, s);
                } catch (DecodeException e) {
                    session.deliverError(e);
                    return;
                }
                if (decoded == DecoderSet.NOT_DECODED) {
                    decoded = type == Reader.class ? new java.io.StringReader(s) : s;
                }
                b.whole(decoded);
            });
        } else {
            byte[] bytes = buffer.copy();
            if (!tryDecoders) {
                session.invoke(() -> b.whole(type == byte[].class ? bytes : ByteBuffer.wrap(bytes)));
                return;
            }
            session.invoke(() -> {
                Object decoded;
                try {
                    decoded = raw ? decoders.tryDecodeBinary(type, ByteBuffer.wrap(bytes))
                            : decoders.decodeBinary(type, ByteBuffer.wrap(bytes));
                } catch (DecodeException e) {
                    session.deliverError(e);
                    return;
                }
                if (decoded == DecoderSet.NOT_DECODED) {
                    decoded = type == byte[].class ? bytes
                            : type == InputStream.class ? new java.io.ByteArrayInputStream(bytes)
                            : ByteBuffer.wrap(bytes);
                }
                b.whole(decoded);
            });
        }
    }

    private void startStream() {
        StreamPipe pipe = new StreamPipe(session.settings().streamBufferBytes());
        InputStream in = pipe.inputStream();
        Object argument = text ? new InputStreamReader(in, StandardCharsets.UTF_8) : in;
        stream = new StreamDelivery(session, binding, pipe, argument);
        stream.start();
    }

    private void finishStream() {
        StreamDelivery s = stream;
        s.finish();
        stream = null;
        deliverDeferredPongs();
    }

    private void deliverDeferredPongs() {
        if (deferredPongs == null || deferredPongs.isEmpty()) {
            return;
        }
        HandlerBinding pong = session.handlers().pong();
        for (PongMessageImpl m : deferredPongs) {
            if (pong != null) {
                session.invoke(() -> pong.whole(m));
            }
        }
        deferredPongs.clear();
    }

    /** Whether the deferred-pong queue exists yet (tests: only a pong during a stream makes it). */
    boolean hasDeferredPongQueue() {
        return deferredPongs != null;
    }

    /** The session is failing (any thread): a running stream handler's next read throws. */
    void abortStream(IOException reason) {
        StreamDelivery s = stream;
        if (s != null) {
            s.fail(reason);
        }
    }

    private void inflate(ByteBuffer chunk, boolean endOfMessage) {
        inflaterLock.lock();
        try {
            if (released || releaseRequested) {
                throw new ProtocolException(CloseCodes.GOING_AWAY, "The session has ended");
            }
            inflater.inflate(chunk, endOfMessage, inflated);
        } finally {
            inflaterLock.unlock();
            if (releaseRequested) {
                endInflater(); // release() found the inflater in use: the inbound thread ends it
            }
        }
    }

    /**
     * Ends the inflater (any thread; the inbound thread may still be finishing a read, even be
     * inside a handler called from inflate). Never waits: if the inbound thread holds the
     * inflater, it ends it when it lets go.
     */
    void release() {
        if (inflater != null) {
            releaseRequested = true;
            endInflater();
        }
    }

    /** Whoever sees the request and gets the lock ends the inflater, once. */
    private void endInflater() {
        if (!inflaterLock.tryLock()) {
            return; // held: the holder checks releaseRequested after unlocking
        }
        try {
            if (!released) {
                released = true;
                inflater.close();
            }
        } finally {
            inflaterLock.unlock();
        }
    }
}
