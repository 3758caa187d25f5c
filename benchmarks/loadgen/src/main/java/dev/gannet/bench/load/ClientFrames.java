package dev.gannet.bench.load;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds masked client frames. For plain messages the whole frame is built once and only the
 * sequence prefix is re-masked per message, so the load generator spends its core on I/O, not
 * on masking.
 */
final class ClientFrames {

    private ClientFrames() {
    }

    /** A complete masked frame (FIN set) for {@code payload}. */
    static byte[] frame(byte[] payload, int payloadLength, boolean binary, boolean rsv1) {
        int headerLength = 2 + (payloadLength < 126 ? 0 : payloadLength <= 0xFFFF ? 2 : 8) + 4;
        byte[] frame = new byte[headerLength + payloadLength];
        frame[0] = (byte) (0x80 | (rsv1 ? 0x40 : 0) | (binary ? 2 : 1));
        int p;
        if (payloadLength < 126) {
            frame[1] = (byte) (0x80 | payloadLength);
            p = 2;
        } else if (payloadLength <= 0xFFFF) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payloadLength >>> 8);
            frame[3] = (byte) payloadLength;
            p = 4;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) payloadLength >>> (56 - 8 * i));
            }
            p = 10;
        }
        int key = ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < 4; i++) {
            frame[p + i] = (byte) (key >>> (24 - 8 * i));
        }
        int payloadOffset = p + 4;
        for (int i = 0; i < payloadLength; i++) {
            frame[payloadOffset + i] = (byte) (payload[i] ^ frame[p + (i & 3)]);
        }
        return frame;
    }

    /** Offset of the payload inside a frame built by {@link #frame}. */
    static int payloadOffset(byte[] frame) {
        int len = frame[1] & 0x7F;
        return 2 + (len < 126 ? 0 : len == 126 ? 2 : 8) + 4;
    }

    /** Re-masks the sequence prefix of a pre-built plain frame for message {@code seq}. */
    static void patchSeq(byte[] frame, int payloadOffset, MessageTemplate template, long seq, byte[] scratch) {
        template.writeSeq(scratch, 0, seq);
        int keyOffset = payloadOffset - 4;
        for (int i = 0; i < MessageTemplate.SEQ_BYTES; i++) {
            frame[payloadOffset + i] = (byte) (scratch[i] ^ frame[keyOffset + (i & 3)]);
        }
    }
}
