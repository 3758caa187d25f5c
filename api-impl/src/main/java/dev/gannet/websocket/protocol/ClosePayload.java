package dev.gannet.websocket.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The body of a Close frame (RFC 6455 §5.5.1): an optional two-byte status code followed by an
 * optional UTF-8 reason. An empty body stands for "no status" and is reported as
 * {@link CloseCodes#NO_STATUS}; a one-byte body, a code that may not travel on the wire or a body
 * over 125 bytes is a protocol error (1002); a reason that is not valid UTF-8 is 1007.
 *
 * @param code   the status code, {@link CloseCodes#NO_STATUS} when the body was empty
 * @param reason the reason, never null, empty when absent
 */
public record ClosePayload(int code, String reason) {

    /** The largest reason that fits a control frame after the two code bytes. */
    public static final int MAX_REASON_BYTES = 123;

    public ClosePayload {
        if (reason == null) {
            reason = "";
        }
    }

    /** Reads and checks a received Close body; the buffer's position is not moved. */
    public static ClosePayload parse(ByteBuffer payload) {
        int n = payload.remaining();
        if (n == 0) {
            return new ClosePayload(CloseCodes.NO_STATUS, "");
        }
        if (n == 1) {
            throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "Close frame with a 1-byte body");
        }
        if (n > 125) {
            throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "Close frame body over 125 bytes: " + n);
        }
        int p = payload.position();
        int code = ((payload.get(p) & 0xFF) << 8) | (payload.get(p + 1) & 0xFF);
        if (!CloseCodes.isSendable(code)) {
            throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "Close code " + code + " may not be sent");
        }
        if (n == 2) {
            return new ClosePayload(code, "");
        }
        byte[] reason = new byte[n - 2];
        payload.get(p + 2, reason);
        if (!Utf8Validator.isValid(reason)) {
            throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "Close reason is not valid UTF-8");
        }
        return new ClosePayload(code, new String(reason, StandardCharsets.UTF_8));
    }

    /**
     * Writes a Close body at {@code dst}'s position: the code and the reason, cut at a character
     * boundary to {@value #MAX_REASON_BYTES} bytes. Code {@link CloseCodes#NO_STATUS} (or 0 and
     * below, meaning "none") writes nothing.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException for a code that may not be sent
     */
    public static int write(ByteBuffer dst, int code, String reason) {
        if (code == CloseCodes.NO_STATUS || code <= 0) {
            return 0;
        }
        if (!CloseCodes.isSendable(code)) {
            throw new IllegalArgumentException("Close code " + code
                    + " may not be sent; use 1000-1003, 1007-1014 or 3000-4999");
        }
        byte[] bytes = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int len = bytes.length;
        if (len > MAX_REASON_BYTES) {
            // Back up to the lead byte of the sequence that would be cut.
            len = MAX_REASON_BYTES;
            while (len > 0 && (bytes[len] & 0xC0) == 0x80) {
                len--;
            }
        }
        dst.put((byte) (code >>> 8)).put((byte) code).put(bytes, 0, len);
        return 2 + len;
    }
}
