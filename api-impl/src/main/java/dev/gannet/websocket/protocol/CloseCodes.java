package dev.gannet.websocket.protocol;

/**
 * Close status codes of RFC 6455 §7.4 and which of them may travel in a Close frame. Codes
 * 1005, 1006 and 1015 are reserved for reporting locally and never go on the wire; 0-999 are not
 * used, 1004 is reserved, 1016-2999 are reserved for future RFCs, 3000-3999 are registered with
 * IANA and 4000-4999 are private, so {@link #isSendable} accepts exactly 1000-1003, 1007-1014 and
 * 3000-4999 (1012-1014 were registered after the RFC and are in use by browsers).
 */
public final class CloseCodes {

    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    public static final int NO_STATUS = 1005;
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    public static final int SERVICE_RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int TLS = 1015;

    private CloseCodes() {
    }

    /** Whether {@code code} may appear in a Close frame, sent or received. */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003)
                || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
    }
}
