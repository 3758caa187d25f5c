package dev.gannet.websocket.server;

import dev.gannet.websocket.protocol.DeflateParameters;
import dev.gannet.websocket.protocol.ExtensionHeader;
import dev.gannet.websocket.protocol.ExtensionOffer;
import dev.gannet.websocket.protocol.ExtensionParameter;
import dev.gannet.websocket.protocol.PerMessageDeflate;
import dev.gannet.websocket.session.WebSocketExtension;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of extension negotiation for one handshake. The configurator chooses among the
 * client's offers (given the endpoint's configured extensions followed by the container's
 * installed ones); then permessage-deflate, the one extension Gannet implements, gets its
 * parameters from RFC 7692 negotiation over all the permessage-deflate offers the configurator
 * kept, and any other chosen extension, which the application configured, is answered as
 * chosen and changes nothing on the wire. Extension names are compared ignoring ASCII case. At
 * most one accepted extension may use the RSV1 bit (see {@link #oneRsv1User}).
 *
 * @param response   the elements of the Sec-WebSocket-Extensions response header, in order
 * @param negotiated the same, as the session reports them
 * @param deflate    the permessage-deflate parameters when it was agreed
 */
record ExtensionNegotiation(List<ExtensionOffer> response, List<Extension> negotiated,
                            Optional<DeflateParameters> deflate) {

    private static final System.Logger LOG = System.getLogger(ExtensionNegotiation.class.getName());
    private static final Set<String> RSV1_FRAME_EXTENSIONS =
            Set.of("deflate-frame", "x-webkit-deflate-frame", "perframe-deflate");

    static ExtensionNegotiation negotiate(ServerEndpointConfig.Configurator configurator, ServerEndpointConfig sec,
                                          List<ExtensionOffer> offers, List<Extension> containerInstalled) {
        List<Extension> requested = new ArrayList<>(offers.size());
        Set<String> requestedNames = new HashSet<>();
        for (ExtensionOffer o : offers) {
            requested.add(toExtension(o));
            requestedNames.add(key(o.name()));
        }
        List<Extension> installed = new ArrayList<>();
        if (sec.getExtensions() != null) {
            installed.addAll(sec.getExtensions());
        }
        installed.addAll(containerInstalled);
        List<Extension> chosen = configurator.getNegotiatedExtensions(installed, requested);
        if (chosen == null || chosen.isEmpty()) {
            return new ExtensionNegotiation(List.of(), List.of(), Optional.empty());
        }
        String chooser = configurator.getClass().getName();
        boolean deflateAllowed = containerInstalled.stream().anyMatch(e -> isDeflate(e.getName()));
        boolean deflateSeen = false;
        Set<String> answered = new HashSet<>();
        List<ExtensionOffer> response = new ArrayList<>();
        Optional<DeflateParameters> deflate = Optional.empty();
        for (Extension e : chosen) {
            if (e == null || e.getName() == null || !requestedNames.contains(key(e.getName()))) {
                // RFC 6455 §9.1: the server must not answer with an extension the client did not offer.
                LOG.log(Level.WARNING, "{0}.getNegotiatedExtensions chose {1}, which the client did not offer;"
                        + " ignored", chooser, e);
                continue;
            }
            if (isDeflate(e.getName())) {
                if (deflateSeen || !deflateAllowed) {
                    continue;
                }
                deflateSeen = true;
                deflate = PerMessageDeflate.negotiateAsServer(deflateOffers(chosen));
                deflate.ifPresent(agreed -> response.add(PerMessageDeflate.responseFor(agreed)));
            } else if (answered.add(key(e.getName()))) {
                // A client may offer alternatives of one extension; one answer accepts the first.
                ExtensionOffer answer = toOffer(e);
                if (answer == null) {
                    LOG.log(Level.WARNING, "Extension {0} chosen by {1} cannot be written in a header; ignored",
                            e, chooser);
                    continue;
                }
                response.add(answer);
            }
        }
        List<ExtensionOffer> accepted = oneRsv1User(response, deflate.isPresent(), chooser);
        List<Extension> negotiated = new ArrayList<>(accepted.size());
        for (ExtensionOffer answer : accepted) {
            negotiated.add(toExtension(answer));
        }
        return new ExtensionNegotiation(List.copyOf(accepted), List.copyOf(negotiated), deflate);
    }

    /** The client may offer several permessage-deflate parameter sets; RFC 7692 takes the first acceptable. */
    private static List<ExtensionOffer> deflateOffers(List<Extension> chosen) {
        List<ExtensionOffer> out = new ArrayList<>();
        for (Extension candidate : chosen) {
            if (candidate != null && isDeflate(candidate.getName())) {
                ExtensionOffer offer = toOffer(candidate);
                if (offer != null) {
                    out.add(offer);
                }
            }
        }
        return out;
    }

    /**
     * {@code response} without the extensions that would share the RSV1 bit with one accepted
     * before them. RFC 7692 §6 gives RSV1 to per-message compression and §5 forbids a server to
     * accept it together with an extension that uses the bit otherwise; RFC 6455 §5.2 gives a
     * reserved bit only the meaning a negotiated extension defines, and two cannot both hold.
     * permessage-deflate, when agreed, owns the
     * bit whatever its place in the list, because it is the one such extension the engine runs;
     * the others are answered but never executed, so keeping them would only mislead the client.
     */
    private static List<ExtensionOffer> oneRsv1User(List<ExtensionOffer> response, boolean deflateAgreed,
                                                    String chooser) {
        String owner = deflateAgreed ? PerMessageDeflate.NAME : null;
        List<ExtensionOffer> out = new ArrayList<>(response.size());
        for (ExtensionOffer answer : response) {
            if (!isDeflate(answer.name()) && usesRsv1(answer.name())) {
                if (owner != null) {
                    LOG.log(Level.WARNING, "{0}.getNegotiatedExtensions chose {1}, which uses the RSV1 bit that {2}"
                            + " already uses (RFC 7692 §5); it is not accepted", chooser, answer, owner);
                    continue;
                }
                owner = answer.name();
            }
            out.add(answer);
        }
        return out;
    }

    /**
     * Whether an extension is known to give RSV1 a meaning: any per-message compression
     * extension (RFC 7692 §6 assigns the bit to all of them) and the per-frame deflate drafts that
     * browsers shipped before it. The Jakarta API cannot say which bits an application's
     * extension uses, so unknown names are assumed not to.
     */
    static boolean usesRsv1(String name) {
        String k = key(name);
        return k.startsWith("permessage-") || RSV1_FRAME_EXTENSIONS.contains(k);
    }

    /** Extension tokens compare ignoring ASCII case, as permessage-deflate's always did here. */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * What is in use once modifyHandshake had its say: the response header as it will be sent
     * decides. Removing permessage-deflate from it turns compression off; changing its
     * parameters is refused, because the session could not honour them.
     *
     * @throws IllegalArgumentException when the header was made malformed, permessage-deflate
     *                                  was altered, or two extensions in it would use RSV1
     */
    ExtensionNegotiation reconcile(List<String> sentHeader) {
        List<ExtensionOffer> sent = sentHeader == null ? List.of() : ExtensionHeader.parseAll(sentHeader);
        if (sent.equals(response)) {
            return this;
        }
        Optional<DeflateParameters> kept = Optional.empty();
        List<Extension> inUse = new ArrayList<>(sent.size());
        String rsv1User = null;
        for (ExtensionOffer o : sent) {
            if (usesRsv1(o.name())) {
                if (rsv1User != null) {
                    throw new IllegalArgumentException("the Sec-WebSocket-Extensions response header was changed to "
                            + sent + ", where " + rsv1User + " and " + o.name() + " would both use RSV1 (RFC 7692 §5)");
                }
                rsv1User = o.name();
            }
            if (isDeflate(o.name())) {
                if (deflate.isEmpty() || !response.contains(o) || kept.isPresent()) {
                    throw new IllegalArgumentException("the Sec-WebSocket-Extensions response header was changed to "
                            + sent + "; permessage-deflate can only be kept as negotiated (" + response + ") or removed");
                }
                kept = deflate;
            }
            inUse.add(toExtension(o));
        }
        return new ExtensionNegotiation(List.copyOf(sent), List.copyOf(inUse), kept);
    }

    private static boolean isDeflate(String name) {
        return PerMessageDeflate.NAME.equalsIgnoreCase(name);
    }

    static Extension toExtension(ExtensionOffer o) {
        return WebSocketExtension.of(o);
    }

    /** Null when a name or value is not an RFC 7230 token. */
    static ExtensionOffer toOffer(Extension e) {
        try {
            List<ExtensionParameter> params = new ArrayList<>();
            List<Extension.Parameter> given = e.getParameters();
            if (given != null) {
                for (Extension.Parameter p : given) {
                    params.add(new ExtensionParameter(p.getName(), p.getValue()));
                }
            }
            return new ExtensionOffer(e.getName(), params);
        } catch (IllegalArgumentException bad) {
            return null;
        }
    }
}
