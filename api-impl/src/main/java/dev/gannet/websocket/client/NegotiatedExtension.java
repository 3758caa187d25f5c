package dev.gannet.websocket.client;

import dev.gannet.websocket.protocol.ExtensionOffer;
import dev.gannet.websocket.protocol.ExtensionParameter;
import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;

/** An extension as the Jakarta API shows it: from a server's response or a config's list. */
record NegotiatedExtension(String getName, List<Extension.Parameter> getParameters) implements Extension {

    record Param(String getName, String getValue) implements Extension.Parameter {
    }

    static NegotiatedExtension of(ExtensionOffer offer) {
        List<Extension.Parameter> params = new ArrayList<>();
        for (ExtensionParameter p : offer.parameters()) {
            params.add(new Param(p.name(), p.value()));
        }
        return new NegotiatedExtension(offer.name(), List.copyOf(params));
    }

    static ExtensionOffer toOffer(Extension e) {
        List<ExtensionParameter> params = new ArrayList<>();
        for (Extension.Parameter p : e.getParameters()) {
            params.add(new ExtensionParameter(p.getName(), p.getValue()));
        }
        return new ExtensionOffer(e.getName(), List.copyOf(params));
    }
}
