package dev.gannet.websocket.protocol;

/**
 * The frame opcodes of RFC 6455 §5.2 and their classification. Opcodes are plain {@code int}s
 * (not an enum) because they come straight out of the frame header's low nibble and are compared
 * on the hot path; {@link #isControl} and {@link #isData} follow the RFC's split by the opcode's
 * high bit, so they also classify the reserved opcodes, which {@link #isKnown} rejects.
 */
public final class OpCode {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private OpCode() {
    }

    /** True for 0x8..0xF: the RFC reserves the whole upper half for control frames. */
    public static boolean isControl(int op) {
        return op >= 0x8 && op <= 0xF;
    }

    /** True for 0x0..0x7 (continuation, text, binary and the reserved non-control opcodes). */
    public static boolean isData(int op) {
        return op >= 0x0 && op <= 0x7;
    }

    /** True only for the six opcodes RFC 6455 defines. */
    public static boolean isKnown(int op) {
        return op == CONTINUATION || op == TEXT || op == BINARY || op == CLOSE || op == PING || op == PONG;
    }

    /** A readable name for logs and error messages. */
    public static String name(int op) {
        switch (op) {
            case CONTINUATION: return "CONTINUATION";
            case TEXT: return "TEXT";
            case BINARY: return "BINARY";
            case CLOSE: return "CLOSE";
            case PING: return "PING";
            case PONG: return "PONG";
            default: return "RESERVED(0x" + Integer.toHexString(op) + ")";
        }
    }
}
