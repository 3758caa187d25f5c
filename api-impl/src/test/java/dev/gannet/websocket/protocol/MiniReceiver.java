package dev.gannet.websocket.protocol;

import java.nio.ByteBuffer;

/**
 * The receive path a session builds from this package, reduced to what the tests need: frames
 * from the parser, permessage-deflate messages through the inflater, text through the UTF-8
 * validator as the bytes arrive, and a message size limit checked before buffering.
 */
final class MiniReceiver implements FrameListener {

    final FrameParser parser;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final MessageInflater inflater;
    private final long maxMessageSize;
    private final ByteSink afterInflate = this::deliver;
    private boolean text;
    private boolean compressed;
    private boolean fin;
    private long messageSize;
    int messages;

    MiniReceiver(Role role, boolean deflate, long maxMessageSize) {
        this.parser = new FrameParser(role, this);
        this.parser.allowRsv1(deflate);
        this.inflater = deflate ? new MessageInflater(false, maxMessageSize) : null;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer payload) {
    }

    @Override
    public void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long payloadLength) {
        if (opcode != OpCode.CONTINUATION) {
            text = opcode == OpCode.TEXT;
            compressed = rsv1;
            messageSize = 0;
        }
        this.fin = fin;
        if (!compressed && maxMessageSize > 0 && messageSize + payloadLength > maxMessageSize) {
            throw new ProtocolException(CloseCodes.TOO_BIG, "Message over " + maxMessageSize + " bytes");
        }
        messageSize += payloadLength;
    }

    @Override
    public void onDataPayload(ByteBuffer chunk) {
        if (compressed) {
            inflater.inflate(chunk, false, afterInflate);
        } else {
            deliver(chunk);
        }
    }

    @Override
    public void onDataFrameEnd() {
        if (fin) {
            if (compressed) {
                inflater.inflate(ByteBuffer.allocate(0), true, afterInflate);
            }
            if (text) {
                utf8.endOfMessage();
            }
            messages++;
        }
    }

    private void deliver(ByteBuffer bytes) {
        if (text) {
            utf8.validate(bytes);
        }
    }
}
