package dev.gannet.websocket.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Negotiation of permessage-deflate (RFC 7692 §7.1) on both sides of the handshake. The JDK's
 * {@code Deflater} always compresses with a 15-bit window while its {@code Inflater} reads any
 * window, and the rules follow from that. As a server we accept the first valid offer, decline
 * (skip) an offer that asks us for {@code server_max_window_bits} under 15 rather than claim a
 * window we cannot keep, echo {@code server_max_window_bits=15} when the offer carried it (the
 * response must then name it, §7.1.2.1), honour {@code server_no_context_takeover} and echo
 * {@code client_no_context_takeover}, and never constrain the client's window: leaving
 * {@code client_max_window_bits} out of the response is always allowed, and including it is
 * allowed only when offered (§7.1.2.2), so we never do. An offer with an unknown,
 * duplicated or malformed parameter, or a window value outside 8..15 or with leading zeros, is
 * invalid and declined; parameter names are matched ignoring ASCII case. As a client we offer
 * the bare extension, because offering {@code client_max_window_bits} would let the server
 * demand a window we cannot produce.
 */
public final class PerMessageDeflate {

    /** The extension token. */
    public static final String NAME = "permessage-deflate";

    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    private PerMessageDeflate() {
    }

    /** The parameters agreed with the first acceptable permessage-deflate offer, if any. */
    public static Optional<DeflateParameters> negotiateAsServer(List<ExtensionOffer> offers) {
        for (ExtensionOffer offer : offers) {
            if (offer.name().equalsIgnoreCase(NAME)) {
                DeflateParameters agreed = acceptOffer(offer);
                if (agreed != null) {
                    return Optional.of(agreed);
                }
            }
        }
        return Optional.empty();
    }

    /** The agreed parameters for one offer, or null to decline it. */
    private static DeflateParameters acceptOffer(ExtensionOffer offer) {
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        boolean serverWindowOffered = false;
        List<String> seen = new ArrayList<>(4);
        for (ExtensionParameter p : offer.parameters()) {
            String name = key(p.name());
            if (seen.contains(name)) {
                return null; // duplicated parameter: invalid offer
            }
            seen.add(name);
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER:
                    if (p.value() != null) {
                        return null;
                    }
                    serverNoContext = true;
                    break;
                case CLIENT_NO_CONTEXT_TAKEOVER:
                    if (p.value() != null) {
                        return null;
                    }
                    clientNoContext = true;
                    break;
                case SERVER_MAX_WINDOW_BITS:
                    int bits = windowBits(p.value());
                    if (bits < 15) {
                        return null; // invalid (-1), or a window our Deflater cannot keep to
                    }
                    serverWindowOffered = true;
                    break;
                case CLIENT_MAX_WINDOW_BITS:
                    // No value: the client merely allows us to answer one. A value is a hint of the
                    // client's window; our Inflater reads any window, so either way we leave it out.
                    if (p.value() != null && windowBits(p.value()) < 0) {
                        return null;
                    }
                    break;
                default:
                    return null; // unknown parameter: invalid offer
            }
        }
        return new DeflateParameters(serverNoContext, clientNoContext, 15, 15, serverWindowOffered);
    }

    /**
     * The {@code Sec-WebSocket-Extensions} element a server sends for {@code agreed}.
     * {@code server_max_window_bits} appears when {@link DeflateParameters#serverMaxWindowBitsStated}
     * (the offer carried it, or the window is under 15); {@code client_max_window_bits} appears only
     * for a client window under 15, which {@link #negotiateAsServer} never agrees to, so a response
     * built from its result never names a parameter the client did not offer. Otherwise a window of
     * 15 is left out: it is the default, and saying it changes nothing.
     */
    public static ExtensionOffer responseFor(DeflateParameters agreed) {
        List<ExtensionParameter> params = new ArrayList<>(4);
        if (agreed.serverNoContextTakeover()) {
            params.add(ExtensionParameter.of(SERVER_NO_CONTEXT_TAKEOVER));
        }
        if (agreed.clientNoContextTakeover()) {
            params.add(ExtensionParameter.of(CLIENT_NO_CONTEXT_TAKEOVER));
        }
        if (agreed.serverMaxWindowBitsStated()) {
            params.add(new ExtensionParameter(SERVER_MAX_WINDOW_BITS, Integer.toString(agreed.serverMaxWindowBits())));
        }
        if (agreed.clientMaxWindowBits() < 15) {
            params.add(new ExtensionParameter(CLIENT_MAX_WINDOW_BITS, Integer.toString(agreed.clientMaxWindowBits())));
        }
        return new ExtensionOffer(NAME, params);
    }

    /** What a client offers: the bare extension (see the class comment for why). */
    public static ExtensionOffer clientOffer() {
        return new ExtensionOffer(NAME, List.of());
    }

    /**
     * Checks a server's response to {@link #clientOffer()}.
     *
     * @throws IllegalArgumentException for a response the client must fail the connection on
     */
    public static DeflateParameters acceptAsClient(ExtensionOffer response) {
        return acceptAsClient(clientOffer(), response);
    }

    /**
     * Checks a server's response to {@code offered}: only known parameters, each at most once, in
     * the right form; {@code server_max_window_bits} no larger than offered;
     * {@code client_max_window_bits} only if offered, and then only 15, the one window our
     * Deflater can keep to.
     *
     * @throws IllegalArgumentException for a response the client must fail the connection on
     */
    public static DeflateParameters acceptAsClient(ExtensionOffer offered, ExtensionOffer response) {
        if (!response.name().equalsIgnoreCase(NAME)) {
            throw bad(response, "it is not " + NAME);
        }
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int serverBits = 15;
        boolean serverBitsStated = false;
        List<String> seen = new ArrayList<>(4);
        for (ExtensionParameter p : response.parameters()) {
            String name = key(p.name());
            if (seen.contains(name)) {
                throw bad(response, "parameter " + name + " appears twice");
            }
            seen.add(name);
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER:
                case CLIENT_NO_CONTEXT_TAKEOVER:
                    if (p.value() != null) {
                        throw bad(response, name + " takes no value");
                    }
                    if (name.equals(SERVER_NO_CONTEXT_TAKEOVER)) {
                        serverNoContext = true;
                    } else {
                        clientNoContext = true;
                    }
                    break;
                case SERVER_MAX_WINDOW_BITS:
                    serverBits = windowBits(p.value());
                    serverBitsStated = true;
                    if (serverBits < 0) {
                        throw bad(response, name + " needs a value 8..15");
                    }
                    int offeredServerBits = offeredBits(offered, SERVER_MAX_WINDOW_BITS);
                    if (offeredServerBits > 0 && serverBits > offeredServerBits) {
                        throw bad(response, name + " is larger than the " + offeredServerBits + " offered");
                    }
                    break;
                case CLIENT_MAX_WINDOW_BITS:
                    int offeredClientBits = offeredBits(offered, CLIENT_MAX_WINDOW_BITS);
                    if (offeredClientBits < 0) {
                        throw bad(response, name + " was not offered");
                    }
                    int clientBits = windowBits(p.value());
                    if (clientBits < 0) {
                        throw bad(response, name + " needs a value 8..15");
                    }
                    if (offeredClientBits > 0 && clientBits > offeredClientBits) {
                        throw bad(response, name + " is larger than the " + offeredClientBits + " offered");
                    }
                    if (clientBits < 15) {
                        throw bad(response, name + "=" + clientBits + " asks for a window the JDK Deflater cannot keep to");
                    }
                    break;
                default:
                    throw bad(response, "unknown parameter " + name);
            }
        }
        return new DeflateParameters(serverNoContext, clientNoContext, serverBits, 15, serverBitsStated);
    }

    /** -1 if not offered, 0 if offered without value, else the value. */
    private static int offeredBits(ExtensionOffer offered, String name) {
        for (ExtensionParameter p : offered.parameters()) {
            if (key(p.name()).equals(name)) {
                return p.value() == null ? 0 : Math.max(0, windowBits(p.value()));
            }
        }
        return -1;
    }

    /**
     * A parameter name as the switch statements spell it. RFC 7692 writes its parameters in lower
     * case and neither it nor RFC 6455 §9.1 makes them case-sensitive; they are HTTP tokens, and
     * HTTP compares parameter names ignoring case (RFC 9110 §5.6.6), as we already do for the
     * extension name itself. What we send is always the lower-case form.
     */
    private static String key(String parameterName) {
        return parameterName.toLowerCase(Locale.ROOT);
    }

    /** The window size in a parameter value: a decimal 8..15 without leading zeros; else -1. */
    static int windowBits(String value) {
        if (value == null || value.isEmpty() || value.length() > 2 || value.charAt(0) == '0') {
            return -1;
        }
        int bits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            bits = bits * 10 + (c - '0');
        }
        return bits >= 8 && bits <= 15 ? bits : -1;
    }

    private static IllegalArgumentException bad(ExtensionOffer response, String why) {
        return new IllegalArgumentException("Invalid permessage-deflate response '" + response + "': " + why);
    }
}
