package dev.gannet.websocket.server;

import dev.gannet.websocket.protocol.DeflateParameters;
import dev.gannet.websocket.protocol.ExtensionOffer;
import dev.gannet.websocket.protocol.ExtensionParameter;
import dev.gannet.websocket.protocol.PerMessageDeflate;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of extension negotiation for one handshake. The configurator chooses among the
 * client's offers (given the endpoint's configured extensions followed by the container's
 * installed ones); then permessage-deflate, the one extension Gannet implements, gets its
 * parameters from RFC 7692 negotiation over all the permessage-deflate offers the configurator
 * kept, and any other chosen extension, which the application configured, is answered as
 * chosen and changes nothing on the wire.
 *
 * @param response   the elements of the Sec-WebSocket-Extensions response header, in order
 * @param negotiated the same, as the session reports them
 * @param deflate    the permessage-deflate parameters when it was agreed
 */
record ExtensionNegotiation(List<ExtensionOffer> response, List<Extension> negotiated,
                            Optional<DeflateParameters> deflate) {

    private static final System.Logger LOG = System.getLogger(ExtensionNegotiation.class.getName());

    static ExtensionNegotiation negotiate(ServerEndpointConfig.Configurator configurator, ServerEndpointConfig sec,
                                          List<ExtensionOffer> offers, List<Extension> containerInstalled) {
        List<Extension> requested = new ArrayList<>(offers.size());
        Set<String> requestedNames = new HashSet<>();
        for (ExtensionOffer o : offers) {
            requested.add(toExtension(o));
            requestedNames.add(o.name());
        }
        List<Extension> installed = new ArrayList<>(sec.getExtensions());
        installed.addAll(containerInstalled);
        List<Extension> chosen = configurator.getNegotiatedExtensions(installed, requested);
        if (chosen == null || chosen.isEmpty()) {
            return new ExtensionNegotiation(List.of(), List.of(), Optional.empty());
        }
        boolean deflateAllowed = containerInstalled.stream().anyMatch(e -> isDeflate(e.getName()));
        boolean deflateSeen = false;
        List<ExtensionOffer> response = new ArrayList<>();
        List<Extension> negotiated = new ArrayList<>();
        Optional<DeflateParameters> deflate = Optional.empty();
        for (Extension e : chosen) {
            if (e == null || !requestedNames.contains(e.getName())) {
                // RFC 6455 §9.1: the server must not answer with an extension the client did not offer.
                LOG.log(Level.WARNING, "{0}.getNegotiatedExtensions chose {1}, which the client did not offer;"
                        + " ignored", configurator.getClass().getName(), e);
                continue;
            }
            if (isDeflate(e.getName())) {
                if (deflateSeen || !deflateAllowed) {
                    continue;
                }
                deflateSeen = true;
                // The client may offer several parameter sets; RFC 7692 takes the first acceptable.
                List<ExtensionOffer> deflateOffers = new ArrayList<>();
                for (Extension candidate : chosen) {
                    if (candidate != null && isDeflate(candidate.getName())) {
                        ExtensionOffer offer = toOffer(candidate);
                        if (offer != null) {
                            deflateOffers.add(offer);
                        }
                    }
                }
                deflate = PerMessageDeflate.negotiateAsServer(deflateOffers);
                deflate.ifPresent(agreed -> {
                    ExtensionOffer answer = PerMessageDeflate.responseFor(agreed);
                    response.add(answer);
                    negotiated.add(toExtension(answer));
                });
            } else {
                ExtensionOffer answer = toOffer(e);
                if (answer == null) {
                    LOG.log(Level.WARNING, "Extension {0} chosen by {1} cannot be written in a header; ignored",
                            e, configurator.getClass().getName());
                    continue;
                }
                response.add(answer);
                negotiated.add(toExtension(answer));
            }
        }
        return new ExtensionNegotiation(List.copyOf(response), List.copyOf(negotiated), deflate);
    }

    private static boolean isDeflate(String name) {
        return PerMessageDeflate.NAME.equalsIgnoreCase(name);
    }

    static Extension toExtension(ExtensionOffer o) {
        List<Extension.Parameter> params = new ArrayList<>(o.parameters().size());
        for (ExtensionParameter p : o.parameters()) {
            params.add(new NegotiatedExtension.Param(p.name(), p.value()));
        }
        return new NegotiatedExtension(o.name(), params);
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
