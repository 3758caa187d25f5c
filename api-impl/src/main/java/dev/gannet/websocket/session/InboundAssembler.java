package dev.gannet.websocket.session;

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
import java.util.ArrayList;
import java.util.List;

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
    private final Utf8Validator utf8 = new Utf8Validator();
    private final MessageInflater inflater;
    private final ByteSink inflated = this::onMessageBytes;
    private final MessageBuffer buffer = new MessageBuffer();
    private final List<PongMessageImpl> deferredPongs = new ArrayList<>(0);

    private boolean inMessage;
    private boolean text;
    private boolean compressed;
    private boolean frameFin;
    private Mode mode;
    private HandlerBinding binding;
    private int limit;
    private long messageBytes;
    private volatile StreamDelivery stream;

    InboundAssembler(WsSession session, MessageInflater inflater) {
        this.session = session;
        this.inflater = inflater;
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer payload) {
        switch (opcode) {
            case OpCode.PING -> session.replyPong(payload);
            case OpCode.PONG -> onPong(payload);
            case OpCode.CLOSE -> {
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
            deferredPongs.add(message); // the stream handler is running: callbacks never overlap
        } else {
            session.invoke(() -> pong.whole(message));
        }
    }

    @Override
    public void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long payloadLength) {
        if (opcode != OpCode.CONTINUATION) {
            startMessage(opcode == OpCode.TEXT, rsv1);
        }
        frameFin = fin;
        if (!compressed && mode == Mode.WHOLE && messageBytes + payloadLength > limit) {
            throw tooBig(messageBytes + payloadLength);
        }
    }

    private void startMessage(boolean isText, boolean rsv1) {
        inMessage = true;
        text = isText;
        compressed = rsv1;
        messageBytes = 0;
        utf8.reset();
        buffer.clear();
        binding = isText ? session.handlers().text() : session.handlers().binary();
        limit = isText ? session.getMaxTextMessageBufferSize() : session.getMaxBinaryMessageBufferSize();
        if (binding == null) {
            mode = Mode.DISCARD;
        } else if (binding.partial()) {
            mode = Mode.PARTIAL;
        } else if (binding.type() == Reader.class || binding.type() == InputStream.class) {
            mode = Mode.STREAM;
            startStream();
        } else {
            mode = Mode.WHOLE;
        }
    }

    @Override
    public void onDataPayload(ByteBuffer chunk) {
        if (compressed) {
            if (inflater == null) {
                throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "RSV1 set but permessage-deflate was not negotiated");
            }
            inflater.inflate(chunk, false, inflated);
        } else {
            onMessageBytes(chunk);
        }
    }

    @Override
    public void onDataFrameEnd() {
        if (compressed && frameFin) {
            inflater.inflate(EMPTY.duplicate(), true, inflated);
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
            part = buffer.takeCompleteText();
        } else {
            byte[] bytes = buffer.copy();
            buffer.clear();
            part = b.type() == byte[].class ? bytes : ByteBuffer.wrap(bytes);
        }
        session.invoke(() -> b.partial(part, last));
    }

    private void endMessage() {
        inMessage = false;
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

    private void deliverWhole(HandlerBinding b) {
        Class<?> type = b.type();
        if (text) {
            String s = buffer.text();
            if (type == String.class) {
                session.invoke(() -> b.whole(s));
            } else {
                session.invoke(() -> {
                    Object decoded;
                    try {
                        decoded = session.decoders().decodeText(type, s);
                    } catch (DecodeException e) {
                        session.deliverError(e);
                        return;
                    }
                    b.whole(decoded);
                });
            }
        } else {
            byte[] bytes = buffer.copy();
            if (type == byte[].class) {
                session.invoke(() -> b.whole(bytes));
            } else if (type == ByteBuffer.class) {
                session.invoke(() -> b.whole(ByteBuffer.wrap(bytes)));
            } else {
                session.invoke(() -> {
                    Object decoded;
                    try {
                        decoded = session.decoders().decodeBinary(type, ByteBuffer.wrap(bytes));
                    } catch (DecodeException e) {
                        session.deliverError(e);
                        return;
                    }
                    b.whole(decoded);
                });
            }
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
        if (deferredPongs.isEmpty()) {
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

    /** The session is failing (any thread): a running stream handler's next read throws. */
    void abortStream(IOException reason) {
        StreamDelivery s = stream;
        if (s != null) {
            s.fail(reason);
        }
    }

    /** Whether a data message is half received (for diagnostics). */
    boolean inMessage() {
        return inMessage;
    }

    void release() {
        if (inflater != null) {
            inflater.close();
        }
    }
}
