package dev.gannet.websocket.protocol;

import java.nio.ByteBuffer;

/**
 * What {@link FrameParser} delivers, in wire order. All buffers are already unmasked and are
 * valid only during the call (they are slices of the parser's input or of its reused control
 * buffer). Data frames arrive as start, zero or more payload chunks, end, so a message of any
 * size can be streamed without buffering; control frames, at most 125 bytes, arrive whole.
 */
public interface FrameListener {

    /**
     * A complete control frame (CLOSE, PING or PONG). A CLOSE payload has already been checked
     * with the rules of {@link ClosePayload#parse}.
     */
    void onControlFrame(int opcode, ByteBuffer payload);

    /** A data frame header: opcode as on the wire (TEXT, BINARY or CONTINUATION). */
    void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long payloadLength);

    /** The next slice of the current data frame's payload; never empty. */
    void onDataPayload(ByteBuffer chunk);

    /** The current data frame's payload is complete. */
    void onDataFrameEnd();
}
