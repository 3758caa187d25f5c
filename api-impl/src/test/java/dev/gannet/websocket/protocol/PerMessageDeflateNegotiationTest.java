package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7692 §7.1 negotiation tables for both sides. */
class PerMessageDeflateNegotiationTest {

    private static Optional<String> serverAnswer(String offerHeader) {
        return PerMessageDeflate.negotiateAsServer(ExtensionHeader.parse(offerHeader))
                .map(agreed -> ExtensionHeader.format(List.of(PerMessageDeflate.responseFor(agreed))));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', nullValues = "DECLINE", value = {
        "permessage-deflate | permessage-deflate",
        "PerMessage-Deflate | permessage-deflate",
        "permessage-deflate; client_max_window_bits | permessage-deflate",
        "permessage-deflate; client_max_window_bits=10 | permessage-deflate",
        "permessage-deflate; client_max_window_bits=8 | permessage-deflate",
        "permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover",
        "permessage-deflate; client_no_context_takeover | permessage-deflate; client_no_context_takeover",
        "permessage-deflate; client_no_context_takeover; server_no_context_takeover | "
                + "permessage-deflate; server_no_context_takeover; client_no_context_takeover",
        "permessage-deflate; server_max_window_bits=15 | permessage-deflate",
        "permessage-deflate; server_max_window_bits=\"15\" | permessage-deflate",
        "permessage-deflate; server_max_window_bits=10 | DECLINE",
        "permessage-deflate; server_max_window_bits=8 | DECLINE",
        "permessage-deflate; server_max_window_bits=10, permessage-deflate; client_no_context_takeover | "
                + "permessage-deflate; client_no_context_takeover",
        "permessage-deflate; server_max_window_bits | DECLINE",
        "permessage-deflate; server_max_window_bits=16 | DECLINE",
        "permessage-deflate; client_max_window_bits=16 | DECLINE",
        "permessage-deflate; client_max_window_bits=7 | DECLINE",
        "permessage-deflate; client_max_window_bits=08 | DECLINE",
        "permessage-deflate; client_max_window_bits=015 | DECLINE",
        "permessage-deflate; client_max_window_bits=abc | DECLINE",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover | DECLINE",
        "permessage-deflate; client_max_window_bits; client_max_window_bits=10 | DECLINE",
        "permessage-deflate; server_no_context_takeover=1 | DECLINE",
        "permessage-deflate; client_no_context_takeover=true | DECLINE",
        "permessage-deflate; mux | DECLINE",
        "x-webkit-deflate-frame | DECLINE",
        "x-foo; a=b, permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover",
        "permessage-deflate; foo, permessage-deflate | permessage-deflate",
    })
    void serverSide(String offer, String expectedResponse) {
        assertEquals(Optional.ofNullable(expectedResponse), serverAnswer(offer));
    }

    @Test
    void serverDeclinesWhenNothingIsOffered() {
        assertEquals(Optional.empty(), PerMessageDeflate.negotiateAsServer(List.of()));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate | false,false,15,15",
        "permessage-deflate; server_no_context_takeover | true,false,15,15",
        "permessage-deflate; client_no_context_takeover | false,true,15,15",
        "permessage-deflate; server_max_window_bits=10 | false,false,10,15",
        "permessage-deflate; server_max_window_bits=8; client_no_context_takeover; server_no_context_takeover | true,true,8,15",
        "permessage-deflate; client_max_window_bits=15 | FAIL",
        "permessage-deflate; client_max_window_bits | FAIL",
        "permessage-deflate; server_max_window_bits=16 | FAIL",
        "permessage-deflate; server_max_window_bits=7 | FAIL",
        "permessage-deflate; server_max_window_bits | FAIL",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover | FAIL",
        "permessage-deflate; server_no_context_takeover=x | FAIL",
        "permessage-deflate; foo | FAIL",
        "x-foo | FAIL",
    })
    void clientSide(String response, String expected) {
        ExtensionOffer offer = ExtensionHeader.parse(response).get(0);
        if (expected.equals("FAIL")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PerMessageDeflate.acceptAsClient(offer));
            assertEquals(true, e.getMessage().contains("permessage-deflate"), e.getMessage());
        } else {
            String[] v = expected.split(",");
            assertEquals(new DeflateParameters(Boolean.parseBoolean(v[0]), Boolean.parseBoolean(v[1]),
                    Integer.parseInt(v[2]), Integer.parseInt(v[3])), PerMessageDeflate.acceptAsClient(offer));
        }
    }

    @ParameterizedTest(name = "offered [{0}], response [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate; client_max_window_bits | permessage-deflate; client_max_window_bits=15 | ok",
        "permessage-deflate; client_max_window_bits | permessage-deflate; client_max_window_bits=10 | FAIL",
        "permessage-deflate; client_max_window_bits | permessage-deflate; client_max_window_bits | FAIL",
        "permessage-deflate; client_max_window_bits=12 | permessage-deflate; client_max_window_bits=15 | FAIL",
        "permessage-deflate; server_max_window_bits=10 | permessage-deflate; server_max_window_bits=12 | FAIL",
        "permessage-deflate; server_max_window_bits=10 | permessage-deflate; server_max_window_bits=9 | ok",
        "permessage-deflate; server_max_window_bits=10 | permessage-deflate | ok",
    })
    void clientSideWithOtherOffers(String offered, String response, String outcome) {
        ExtensionOffer o = ExtensionHeader.parse(offered).get(0);
        ExtensionOffer r = ExtensionHeader.parse(response).get(0);
        if (outcome.equals("FAIL")) {
            assertThrows(IllegalArgumentException.class, () -> PerMessageDeflate.acceptAsClient(o, r));
        } else {
            PerMessageDeflate.acceptAsClient(o, r);
        }
    }

    @Test
    void clientOfferIsTheBareExtension() {
        assertEquals("permessage-deflate", ExtensionHeader.format(List.of(PerMessageDeflate.clientOffer())));
    }

    @Test
    void serverAndClientAgree() {
        for (String extra : new String[] {"", "; server_no_context_takeover", "; client_no_context_takeover",
            "; server_no_context_takeover; client_no_context_takeover"}) {
            List<ExtensionOffer> offers = ExtensionHeader.parse("permessage-deflate" + extra);
            DeflateParameters server = PerMessageDeflate.negotiateAsServer(offers).orElseThrow();
            String header = ExtensionHeader.format(List.of(PerMessageDeflate.responseFor(server)));
            DeflateParameters client = PerMessageDeflate.acceptAsClient(ExtensionHeader.parse(header).get(0));
            assertEquals(server, client, header);
        }
    }

    @Test
    void parametersValidateWindowBits() {
        assertThrows(IllegalArgumentException.class, () -> new DeflateParameters(false, false, 7, 15));
        assertThrows(IllegalArgumentException.class, () -> new DeflateParameters(false, false, 15, 16));
        DeflateParameters p = new DeflateParameters(true, false, 15, 15);
        assertEquals(true, p.noContextTakeover(Role.SERVER));
        assertEquals(false, p.noContextTakeover(Role.CLIENT));
    }
}
