package dev.gannet.websocket.protocol;

/**
 * A violation of RFC 6455 or RFC 7692 seen on received bytes. It carries the close code the RFC
 * prescribes for the violation ({@link CloseCodes#PROTOCOL_ERROR}, {@link
 * CloseCodes#INVALID_PAYLOAD} or {@link CloseCodes#TOO_BIG}), so the session can fail the
 * connection with that code without mapping exception types. Unchecked because every caller on
 * the read path handles it in one place.
 */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int closeCode;

    public ProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** The close code to fail the connection with. */
    public int closeCode() {
        return closeCode;
    }
}
