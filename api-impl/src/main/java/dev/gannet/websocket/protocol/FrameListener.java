package dev.gannet.websocket.protocol;

import java.nio.ByteBuffer;

/**
 * What {@link FrameParser} delivers, in wire order. Data frames arrive as start, zero or more
 * payload chunks, end, so a message of any size can be streamed without buffering; control
 * frames, at most 125 bytes, arrive whole.
 *
 * <p><b>Buffers.</b> So that parsing allocates nothing per frame, the buffer handed to
 * {@link #onDataPayload} and {@link #onControlFrame} is not a slice made for the call: it is the
 * parser's input buffer itself (or, for a control frame split across reads, the parser's reused
 * control buffer), with its position and limit narrowed to the bytes of the call. The bytes
 * between position and limit, already unmasked, are the whole of what the call delivers. During
 * the call the listener
 * <ul>
 * <li>may read them, with relative gets or absolute gets at indexes from position (inclusive) to
 *     limit (exclusive), and may overwrite them;</li>
 * <li>may move the position forward, consuming some or all of them, or leave it alone: the
 *     parser resumes after the bytes it handed over either way;</li>
 * <li>may take a {@code duplicate()} or {@code slice()} for use within the call.</li>
 * </ul>
 * It must not
 * <ul>
 * <li>change the limit, or read or write outside position..limit: index 0 is not the start of
 *     the bytes, the capacity says nothing about their length, and the backing array (when
 *     {@code hasArray()}) holds other frames' bytes around
 *     {@code arrayOffset() + position()..arrayOffset() + limit()};</li>
 * <li>keep the buffer, or any view of it, after returning: the parser restores the input's
 *     position and limit as soon as the call returns and the transport refills the buffer with
 *     the next read, so bytes needed later must be copied;</li>
 * <li>call {@link FrameParser#parse} of the same parser.</li>
 * </ul>
 */
public interface FrameListener {

    /**
     * A complete control frame (CLOSE, PING or PONG). A CLOSE payload has already been checked
     * with the rules of {@link ClosePayload#parse}; after a CLOSE the parser delivers nothing
     * more, since nothing may follow it. The payload, possibly empty, is between
     * {@code payload}'s position and limit; see the class comment for what the listener may do
     * with the buffer.
     */
    void onControlFrame(int opcode, ByteBuffer payload);

    /** A data frame header: opcode as on the wire (TEXT, BINARY or CONTINUATION). */
    void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long payloadLength);

    /**
     * The next piece of the current data frame's payload, between {@code chunk}'s position and
     * limit; never empty. See the class comment for what the listener may do with the buffer.
     */
    void onDataPayload(ByteBuffer chunk);

    /** The current data frame's payload is complete. */
    void onDataFrameEnd();
}
