package dev.gannet.websocket.protocol;

/**
 * The agreed parameters of permessage-deflate (RFC 7692 §7.1) for one connection. "Server" and
 * "client" name the sender each parameter constrains: {@code serverNoContextTakeover} means the
 * server resets its compressor after every message, {@code serverMaxWindowBits} bounds the
 * server's LZ77 window, and likewise for the client. Window sizes are 8..15; 15 (the default) means
 * no constraint. {@link #deflater} and {@link #inflater} build the codecs for our side of the link.
 *
 * @param serverNoContextTakeover the server resets its compression context after each message
 * @param clientNoContextTakeover the client resets its compression context after each message
 * @param serverMaxWindowBits     log2 of the server's largest LZ77 window, 8..15
 * @param clientMaxWindowBits     log2 of the client's largest LZ77 window, 8..15
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                                int serverMaxWindowBits, int clientMaxWindowBits) {

    /** No parameters: context takeover on both sides, 15-bit windows. */
    public static final DeflateParameters DEFAULT = new DeflateParameters(false, false, 15, 15);

    public DeflateParameters {
        if (serverMaxWindowBits < 8 || serverMaxWindowBits > 15 || clientMaxWindowBits < 8 || clientMaxWindowBits > 15) {
            throw new IllegalArgumentException("Window bits must be 8..15, not server=" + serverMaxWindowBits
                    + " client=" + clientMaxWindowBits);
        }
    }

    /** Whether the side {@code sender} resets its compressor after each message. */
    public boolean noContextTakeover(Role sender) {
        return sender == Role.SERVER ? serverNoContextTakeover : clientNoContextTakeover;
    }

    /** The compressor for messages {@code we} send. */
    public MessageDeflater deflater(Role we) {
        return new MessageDeflater(noContextTakeover(we));
    }

    /**
     * The decompressor for messages the peer of {@code we} sends.
     *
     * @param maxMessageSize the largest decompressed message accepted, 0 or less for no limit
     */
    public MessageInflater inflater(Role we, long maxMessageSize) {
        Role peer = we == Role.SERVER ? Role.CLIENT : Role.SERVER;
        return new MessageInflater(noContextTakeover(peer), maxMessageSize);
    }
}
