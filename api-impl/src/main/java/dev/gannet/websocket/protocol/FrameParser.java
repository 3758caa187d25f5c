package dev.gannet.websocket.protocol;

import java.nio.ByteBuffer;

/**
 * An incremental RFC 6455 frame parser: a state machine fed with whatever bytes the transport
 * read, in pieces of any size, that calls its {@link FrameListener} with exactly the same
 * sequence whatever the split. Payloads are unmasked in place and handed over without a copy and
 * without an allocation: the listener gets the input buffer itself, its position and limit
 * narrowed to the chunk for the duration of the call and restored afterwards (the contract is in
 * {@link FrameListener}); only a control frame split across reads is gathered, into one reused
 * 125-byte buffer. Every violation fails with a {@link ProtocolException} carrying 1002 as soon
 * as the byte that shows it is read: reserved opcodes, RSV bits no negotiated extension claims,
 * fragmented or over-long control frames, the wrong masking for our {@link Role}, a 64-bit length
 * with its top bit set, a continuation outside a message or a new data frame inside one.
 * Non-minimal length encodings (126 followed by a value under 126, or 127 followed by one under
 * 65536) are rejected too: the RFC binds senders to the minimal form, no conforming peer produces
 * them, and accepting them would let one byte sequence have two meanings. After a Close frame,
 * which ends the peer's part of the conversation, and after a failure, the parser discards all
 * further input. Not thread-safe: one parser per connection, fed from the read path only.
 */
public final class FrameParser {

    private static final int HEADER = 0;      // expecting byte 0 of a header
    private static final int LENGTH_BYTE = 1; // expecting byte 1 (mask bit, 7-bit length)
    private static final int EXT_LENGTH = 2;  // expecting 16- or 64-bit length bytes
    private static final int MASK_KEY = 3;    // expecting mask key bytes
    private static final int DATA = 4;        // inside a data frame's payload
    private static final int CONTROL = 5;     // gathering a control frame's payload
    private static final int CLOSED = 6;      // a Close frame was delivered: nothing may follow
    private static final int FAILED = 7;

    private final Role role;
    private final FrameListener listener;
    /**
     * Gathers a control frame split across reads, created the first time one is (most
     * connections never see one: a parser that has not needed it holds no buffer). Reused after.
     */
    private ByteBuffer controlBuffer;
    private int allowedRsv;

    private int state = HEADER;
    private boolean fin;
    private int rsv;
    private int opcode;
    private boolean masked;
    private int pending;      // bytes still to read in EXT_LENGTH or MASK_KEY
    private long length;      // payload length; while in EXT_LENGTH, the accumulated value
    private int lengthBytes;  // 2 or 8 in EXT_LENGTH: for the minimality check
    private int maskKey;
    private long remaining;   // payload bytes still to come
    private int phase;        // mask phase of the next payload byte
    private boolean inMessage; // a fragmented data message awaits continuations

    public FrameParser(Role role, FrameListener listener) {
        this.role = role;
        this.listener = listener;
    }

    /** Lets RSV1 through on the first frame of data messages: permessage-deflate claims it. */
    public void allowRsv1(boolean allow) {
        allowedRsv = allow ? 0b100 : 0;
    }

    /**
     * Consumes every byte of {@code in} (position becomes limit), unmasking payload bytes in place
     * (so {@code in} must be writable) and calling the listener. If the listener throws, the
     * exception propagates and the parser discards all later input, as after a violation.
     *
     * @throws ProtocolException for a protocol violation
     */
    public void parse(ByteBuffer in) {
        try {
            while (in.hasRemaining()) {
                switch (state) {
                    case HEADER:
                        if (!parseWholeHeader(in)) {
                            firstByte(in.get() & 0xFF);
                            state = LENGTH_BYTE;
                        }
                        break;
                    case LENGTH_BYTE:
                        secondByte(in.get() & 0xFF);
                        afterSecondByte();
                        break;
                    case EXT_LENGTH:
                        int b = in.get() & 0xFF;
                        if (pending == 8 && b >= 0x80) {
                            // The top bit decides already; no need to wait for seven more bytes.
                            throw violation("64-bit payload length with the most significant bit set");
                        }
                        length = (length << 8) | b;
                        if (--pending == 0) {
                            checkExtendedLength();
                            afterLength();
                        }
                        break;
                    case MASK_KEY:
                        maskKey = (maskKey << 8) | (in.get() & 0xFF);
                        if (--pending == 0) {
                            headerComplete();
                        }
                        break;
                    case DATA:
                        dataPayload(in);
                        break;
                    case CONTROL:
                        controlPayload(in);
                        break;
                    default: // CLOSED or FAILED
                        in.position(in.limit());
                        return;
                }
            }
        } catch (RuntimeException e) {
            state = FAILED;
            in.position(in.limit());
            throw e;
        }
    }

    /**
     * The common case: the whole header is in the buffer, so read it with absolute gets instead
     * of one state transition per byte. Returns false, consuming nothing, when it is not.
     */
    private boolean parseWholeHeader(ByteBuffer in) {
        int p = in.position();
        int avail = in.limit() - p;
        if (avail < 2) {
            return false;
        }
        int b1 = in.get(p + 1) & 0xFF;
        int len7 = b1 & 0x7F;
        int extra = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        int q = p + 2 + extra;
        if (avail < q - p + ((b1 & 0x80) != 0 ? 4 : 0)) {
            return false;
        }
        firstByte(in.get(p) & 0xFF);
        secondByte(b1);
        if (extra != 0) {
            long len = 0;
            for (int i = p + 2; i < q; i++) { // byte by byte: the input may be little-endian
                len = (len << 8) | (in.get(i) & 0xFF);
            }
            length = len;
            lengthBytes = extra;
            checkExtendedLength();
        }
        if (masked) {
            maskKey = ((in.get(q) & 0xFF) << 24) | ((in.get(q + 1) & 0xFF) << 16)
                    | ((in.get(q + 2) & 0xFF) << 8) | (in.get(q + 3) & 0xFF);
            q += 4;
        }
        in.position(q);
        headerComplete();
        return true;
    }

    private void firstByte(int b0) {
        fin = (b0 & 0x80) != 0;
        rsv = (b0 >>> 4) & 7;
        opcode = b0 & 0x0F;
        if (!OpCode.isKnown(opcode)) {
            throw violation("Reserved opcode 0x" + Integer.toHexString(opcode));
        }
        boolean control = OpCode.isControl(opcode);
        if (control && !fin) {
            throw violation("Fragmented control frame " + OpCode.name(opcode));
        }
        if (rsv != 0) {
            // permessage-deflate's RSV1 belongs on the first frame of a data message only.
            boolean rsv1Claimed = rsv == 0b100 && (allowedRsv & 0b100) != 0
                    && !control && opcode != OpCode.CONTINUATION;
            if (!rsv1Claimed) {
                throw violation("RSV bits " + Integer.toBinaryString(rsv | 8).substring(1)
                        + " set on a " + OpCode.name(opcode) + " frame and not claimed by any extension");
            }
        }
        if (!control) {
            if (opcode == OpCode.CONTINUATION && !inMessage) {
                throw violation("Continuation frame with no message started");
            }
            if (opcode != OpCode.CONTINUATION && inMessage) {
                throw violation("New " + OpCode.name(opcode) + " frame inside a fragmented message");
            }
        }
    }

    /** Checks the mask bit and 7-bit length; sets {@code length} when the 7 bits are the length. */
    private void secondByte(int b1) {
        masked = (b1 & 0x80) != 0;
        if (masked != (role == Role.SERVER)) {
            throw violation(role == Role.SERVER ? "Unmasked frame from a client" : "Masked frame from a server");
        }
        int len7 = b1 & 0x7F;
        if (len7 > 125 && OpCode.isControl(opcode)) {
            throw violation("Control frame " + OpCode.name(opcode) + " longer than 125 bytes");
        }
        length = len7;
        lengthBytes = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
    }

    private void checkExtendedLength() {
        if (lengthBytes == 8) {
            if (length < 0) {
                throw violation("64-bit payload length with the most significant bit set");
            }
            if (length <= 0xFFFF) {
                throw violation("Payload length " + length + " not in minimal form (64-bit)");
            }
        } else if (length < 126) {
            throw violation("Payload length " + length + " not in minimal form (16-bit)");
        }
    }

    /** Byte-at-a-time path, after byte 1. */
    private void afterSecondByte() {
        if (lengthBytes != 0) {
            length = 0;
            pending = lengthBytes;
            state = EXT_LENGTH;
        } else {
            afterLength();
        }
    }

    private void afterLength() {
        if (masked) {
            maskKey = 0;
            pending = 4;
            state = MASK_KEY;
        } else {
            headerComplete();
        }
    }

    private void headerComplete() {
        remaining = length;
        phase = 0;
        if (OpCode.isControl(opcode)) {
            if (controlBuffer != null) {
                controlBuffer.clear();
            }
            if (length == 0) {
                state = HEADER;
                deliverControl(ByteBuffer.allocate(0));
            } else {
                state = CONTROL;
            }
            return;
        }
        inMessage = !fin;
        if (length == 0) {
            state = HEADER;
            listener.onDataFrameStart(opcode, fin, (rsv & 0b100) != 0, 0);
            listener.onDataFrameEnd();
        } else {
            state = DATA;
            listener.onDataFrameStart(opcode, fin, (rsv & 0b100) != 0, length);
        }
    }

    private void dataPayload(ByteBuffer in) {
        int p = in.position();
        int end = in.limit();
        int n = (int) Math.min(remaining, end - p);
        if (masked) {
            phase = Masking.mask(in, p, p + n, maskKey, phase);
        }
        remaining -= n;
        boolean last = remaining == 0;
        if (last) {
            state = HEADER;
        }
        // A slice per chunk would be one object per frame; narrowing the input costs nothing.
        in.limit(p + n);
        try {
            listener.onDataPayload(in);
        } finally {
            widen(in, p + n, end);
        }
        if (last) {
            listener.onDataFrameEnd();
        }
    }

    /**
     * Undoes the narrowing around a listener call: the input's limit back to {@code end}, its
     * position just past the bytes handed over, whatever the listener did with either.
     */
    private static void widen(ByteBuffer in, int next, int end) {
        in.limit(end);
        in.position(next);
    }

    private void controlPayload(ByteBuffer in) {
        int p = in.position();
        int n = (int) Math.min(remaining, in.limit() - p);
        if ((controlBuffer == null || controlBuffer.position() == 0) && n == remaining) {
            // All of it is here: unmask in place and hand over the input narrowed, no copy.
            if (masked) {
                Masking.mask(in, p, p + n, maskKey, 0);
            }
            state = HEADER;
            int end = in.limit();
            in.limit(p + n);
            try {
                deliverControl(in);
            } finally {
                widen(in, p + n, end);
            }
            return;
        }
        if (controlBuffer == null) {
            controlBuffer = ByteBuffer.allocate(125);
        }
        controlBuffer.put(controlBuffer.position(), in, p, n);
        controlBuffer.position(controlBuffer.position() + n);
        in.position(p + n);
        remaining -= n;
        if (remaining == 0) {
            controlBuffer.flip();
            if (masked) {
                Masking.mask(controlBuffer, 0, controlBuffer.limit(), maskKey, 0);
            }
            state = HEADER;
            deliverControl(controlBuffer);
        }
    }

    /**
     * Whether this parser has allocated its buffer for control frames split across reads (for
     * tests and diagnostics: a connection that never received one holds none).
     */
    public boolean hasControlBuffer() {
        return controlBuffer != null;
    }

    private void deliverControl(ByteBuffer payload) {
        if (opcode == OpCode.CLOSE) {
            ClosePayload.parse(payload);
            state = CLOSED;
        }
        listener.onControlFrame(opcode, payload);
    }

    private static ProtocolException violation(String message) {
        return new ProtocolException(CloseCodes.PROTOCOL_ERROR, message);
    }
}
