package dev.gannet.websocket.protocol;

import java.nio.ByteBuffer;

/**
 * Writes frame headers (RFC 6455 §5.2), always with the minimal length encoding the RFC requires
 * of senders: 7-bit up to 125, 16-bit up to 65535, 64-bit above. The mask key, when present, is
 * written big-endian, matching the key convention of {@link Masking}; masking the payload is the
 * caller's job so that it can be done in place in whatever buffer holds it.
 */
public final class FrameHeaders {

    /** The largest header: 2 fixed bytes, 8 length bytes, 4 key bytes. */
    public static final int MAX_HEADER_LENGTH = 14;

    private FrameHeaders() {
    }

    /** The header size for a payload of {@code payloadLength} bytes. */
    public static int headerLength(long payloadLength, boolean masked) {
        int n = payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return masked ? n + 4 : n;
    }

    /**
     * Writes one header at {@code dst}'s position.
     *
     * @param rsv the RSV bits as a 3-bit number: 0b100 is RSV1, 0b010 RSV2, 0b001 RSV3
     */
    public static void write(ByteBuffer dst, boolean fin, int rsv, int opcode, long payloadLength,
                             boolean masked, int maskKey) {
        if ((rsv & ~7) != 0 || (opcode & ~0xF) != 0 || payloadLength < 0) {
            throw new IllegalArgumentException("Bad frame header: rsv=" + rsv + " opcode=" + opcode
                    + " length=" + payloadLength);
        }
        if (OpCode.isControl(opcode) && (payloadLength > 125 || !fin)) {
            throw new IllegalArgumentException("Control frames are final and carry at most 125 bytes, not "
                    + payloadLength);
        }
        dst.put((byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode));
        int maskBit = masked ? 0x80 : 0;
        if (payloadLength <= 125) {
            dst.put((byte) (maskBit | (int) payloadLength));
        } else if (payloadLength <= 0xFFFF) {
            // Byte by byte: dst may be in little-endian order.
            dst.put((byte) (maskBit | 126)).put((byte) (payloadLength >>> 8)).put((byte) payloadLength);
        } else {
            dst.put((byte) (maskBit | 127));
            for (int shift = 56; shift >= 0; shift -= 8) {
                dst.put((byte) (payloadLength >>> shift));
            }
        }
        if (masked) {
            dst.put((byte) (maskKey >>> 24)).put((byte) (maskKey >>> 16))
                    .put((byte) (maskKey >>> 8)).put((byte) maskKey);
        }
    }
}
