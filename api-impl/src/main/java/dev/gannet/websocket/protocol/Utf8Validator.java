package dev.gannet.websocket.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Incremental UTF-8 validation for text messages (RFC 6455 §8.1, RFC 3629). Bytes may arrive in
 * any number of pieces; the state of an unfinished sequence is carried from one call to the next,
 * and the first byte that cannot continue any well-formed sequence fails at once with
 * {@link CloseCodes#INVALID_PAYLOAD}, mid-frame included. The automaton follows the table of
 * well-formed byte sequences in the Unicode standard, so overlong forms, surrogates and code points
 * over U+10FFFF are rejected at their second byte (for example {@code E0 80}, {@code ED A0},
 * {@code F4 90}). Runs of ASCII are skipped eight bytes at a time. One instance per message stream;
 * not thread-safe.
 */
public final class Utf8Validator {

    private static final int ACCEPT = 0;
    private static final int REJECT = 9;

    /*
     * Byte classes: 0 ASCII, 1 80..8F, 2 90..9F, 3 A0..BF, 4 never valid (C0, C1, F5..FF),
     * 5 C2..DF, 6 E0, 7 E1..EC and EE..EF, 8 ED, 9 F0, 10 F1..F3, 11 F4.
     */
    private static final int CLASSES = 12;
    private static final byte[] CLASS = new byte[256];
    /*
     * States: 0 accept; 1 one continuation left; 2 two left; 3 three left; 4 after E0 (needs
     * A0..BF: shorter would be overlong); 5 after ED (needs 80..9F: higher is a surrogate); 6 after
     * F0 (needs 90..BF: overlong); 7 after F4 (needs 80..8F: above U+10FFFF); 8 unused; 9 reject.
     */
    private static final byte[] NEXT = new byte[10 * CLASSES];

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    static {
        for (int b = 0; b < 256; b++) {
            int c;
            if (b < 0x80) c = 0;
            else if (b < 0x90) c = 1;
            else if (b < 0xA0) c = 2;
            else if (b < 0xC0) c = 3;
            else if (b < 0xC2 || b > 0xF4) c = 4;
            else if (b < 0xE0) c = 5;
            else if (b == 0xE0) c = 6;
            else if (b == 0xED) c = 8;
            else if (b < 0xF0) c = 7;
            else if (b == 0xF0) c = 9;
            else if (b < 0xF4) c = 10;
            else c = 11;
            CLASS[b] = (byte) c;
        }
        java.util.Arrays.fill(NEXT, (byte) REJECT);
        // From accept: lead bytes choose the state.
        set(ACCEPT, 0, ACCEPT);
        set(ACCEPT, 5, 1);
        set(ACCEPT, 6, 4);
        set(ACCEPT, 7, 2);
        set(ACCEPT, 8, 5);
        set(ACCEPT, 9, 6);
        set(ACCEPT, 10, 3);
        set(ACCEPT, 11, 7);
        for (int c = 1; c <= 3; c++) {
            set(1, c, ACCEPT);
            set(2, c, 1);
            set(3, c, 2);
        }
        set(4, 3, 1);
        set(5, 1, 1);
        set(5, 2, 1);
        set(6, 2, 2);
        set(6, 3, 2);
        set(7, 1, 2);
    }

    private static void set(int state, int cls, int next) {
        NEXT[state * CLASSES + cls] = (byte) next;
    }

    private int state = ACCEPT;

    /** Validates {@code b[position, limit)} without moving its position. */
    public void validate(ByteBuffer b) {
        int bad = scan(b);
        if (bad >= 0) {
            fail(bad);
        }
    }

    /** Validates {@code a[off, off + len)}. */
    public void validate(byte[] a, int off, int len) {
        int bad = scan(a, off, len);
        if (bad >= 0) {
            fail(bad);
        }
    }

    /** Runs the automaton; returns the chunk index of the first invalid byte, or -1. */
    private int scan(ByteBuffer b) {
        int s = state;
        int start = b.position();
        int i = start;
        int end = b.limit();
        while (i < end) {
            if (s == ACCEPT) {
                // ASCII fast path; the buffer's byte order does not matter, only the high bits.
                while (i + 8 <= end && (b.getLong(i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                if (i >= end) {
                    break;
                }
            }
            s = NEXT[s * CLASSES + CLASS[b.get(i) & 0xFF]];
            if (s == REJECT) {
                state = REJECT;
                return i - start;
            }
            i++;
        }
        state = s;
        return -1;
    }

    private int scan(byte[] a, int off, int len) {
        int s = state;
        int i = off;
        int end = off + len;
        while (i < end) {
            if (s == ACCEPT) {
                while (i + 8 <= end && (((long) LONGS.get(a, i)) & HIGH_BITS) == 0) {
                    i += 8;
                }
                if (i >= end) {
                    break;
                }
            }
            s = NEXT[s * CLASSES + CLASS[a[i] & 0xFF]];
            if (s == REJECT) {
                state = REJECT;
                return i - off;
            }
            i++;
        }
        state = s;
        return -1;
    }

    private void fail(int index) {
        throw new ProtocolException(CloseCodes.INVALID_PAYLOAD,
                "Invalid UTF-8 in text payload at byte " + index + " of the chunk");
    }

    /**
     * Ends the message: fails with 1007 if it stopped inside a sequence, then readies the
     * validator for the next message.
     */
    public void endOfMessage() {
        int s = state;
        state = ACCEPT;
        if (s != ACCEPT) {
            throw new ProtocolException(CloseCodes.INVALID_PAYLOAD, "Text message ends inside a UTF-8 sequence");
        }
    }

    /** True when the bytes seen so far end on a sequence boundary. */
    public boolean isComplete() {
        return state == ACCEPT;
    }

    /** Forgets any partial sequence (or an earlier failure). */
    public void reset() {
        state = ACCEPT;
    }

    /** Whether {@code a[off, off + len)} is complete, well-formed UTF-8. */
    public static boolean isValid(byte[] a, int off, int len) {
        Utf8Validator v = new Utf8Validator();
        return v.scan(a, off, len) < 0 && v.state == ACCEPT;
    }

    /** Whether all of {@code a} is complete, well-formed UTF-8. */
    public static boolean isValid(byte[] a) {
        return isValid(a, 0, a.length);
    }

    /** Whether {@code b[position, limit)} is complete, well-formed UTF-8; position untouched. */
    public static boolean isValid(ByteBuffer b) {
        Utf8Validator v = new Utf8Validator();
        return v.scan(b) < 0 && v.state == ACCEPT;
    }
}
