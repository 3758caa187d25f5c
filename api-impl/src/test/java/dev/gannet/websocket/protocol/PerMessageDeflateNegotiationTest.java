package dev.gannet.websocket.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        // RFC 7692 7.1.2.1: accepting an offer with server_max_window_bits means answering with it.
        "permessage-deflate; server_max_window_bits=15 | permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=\"15\" | permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=15; client_max_window_bits | "
                + "permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; client_max_window_bits=12; server_max_window_bits=15; server_no_context_takeover | "
                + "permessage-deflate; server_no_context_takeover; server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=10, permessage-deflate; server_max_window_bits=15 | "
                + "permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=15, permessage-deflate | permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; client_max_window_bits=15 | permessage-deflate",
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
        // Parameter names are HTTP tokens compared ignoring case; the answer is always lower case.
        "permessage-deflate; Server_No_Context_Takeover | permessage-deflate; server_no_context_takeover",
        "PERMESSAGE-DEFLATE; SERVER_MAX_WINDOW_BITS=15; Client_No_Context_Takeover | "
                + "permessage-deflate; client_no_context_takeover; server_max_window_bits=15",
        "permessage-deflate; Client_Max_Window_Bits=10 | permessage-deflate",
        "permessage-deflate; Server_Max_Window_Bits=10 | DECLINE",
        "permessage-deflate; server_no_context_takeover; SERVER_NO_CONTEXT_TAKEOVER | DECLINE",
    })
    void serverSide(String offer, String expectedResponse) {
        Optional<String> answer = serverAnswer(offer);
        assertEquals(Optional.ofNullable(expectedResponse), answer);
        answer.ifPresent(a -> assertResponseRules(offer, a));
    }

    /**
     * The response rules of RFC 7692 section 7, checked on every accepted row of the table against
     * the offer that was accepted (the first one the response could answer).
     */
    private static void assertResponseRules(String offerHeader, String responseHeader) {
        ExtensionOffer response = ExtensionHeader.parse(responseHeader).get(0);
        ExtensionOffer accepted = null;
        for (ExtensionOffer o : ExtensionHeader.parse(offerHeader)) {
            if (PerMessageDeflate.negotiateAsServer(List.of(o)).isPresent()) {
                accepted = o;
                break;
            }
        }
        assertNotNull(accepted, offerHeader);
        String why = "offer [" + offerHeader + "] answered [" + responseHeader + "]";
        // 7.1.1.1: server_no_context_takeover offered and accepted must be answered.
        if (has(accepted, "server_no_context_takeover")) {
            assertTrue(has(response, "server_no_context_takeover"), why);
        }
        // 7.1.2.1: server_max_window_bits offered must be answered with the same or a smaller value.
        if (has(accepted, "server_max_window_bits")) {
            assertTrue(has(response, "server_max_window_bits"), why);
            assertTrue(Integer.parseInt(value(response, "server_max_window_bits"))
                    <= Integer.parseInt(value(accepted, "server_max_window_bits")), why);
        }
        // 7.1.2.2: client_max_window_bits only if offered, then with a value no larger than offered.
        if (has(response, "client_max_window_bits")) {
            assertTrue(has(accepted, "client_max_window_bits"), why);
            String offered = value(accepted, "client_max_window_bits");
            String answered = value(response, "client_max_window_bits");
            assertNotNull(answered, why);
            assertTrue(offered == null || Integer.parseInt(answered) <= Integer.parseInt(offered), why);
        }
        // What we accept is what we keep: client_no_context_takeover is echoed, never imposed.
        assertEquals(has(accepted, "client_no_context_takeover"), has(response, "client_no_context_takeover"), why);
    }

    private static boolean has(ExtensionOffer o, String name) {
        return o.parameters().stream().anyMatch(p -> p.name().equalsIgnoreCase(name));
    }

    private static String value(ExtensionOffer o, String name) {
        return o.parameters().stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst().orElseThrow().value();
    }

    @Test
    void theEchoedServerWindowIsPartOfTheAgreedParameters() {
        DeflateParameters echoed = PerMessageDeflate.negotiateAsServer(
                ExtensionHeader.parse("permessage-deflate; server_max_window_bits=15")).orElseThrow();
        assertEquals(new DeflateParameters(false, false, 15, 15, true), echoed);
        DeflateParameters bare = PerMessageDeflate.negotiateAsServer(
                ExtensionHeader.parse("permessage-deflate")).orElseThrow();
        assertEquals(DeflateParameters.DEFAULT, bare);
        assertFalse(bare.serverMaxWindowBitsStated());
    }

    @Test
    void aServerWindowUnder15IsAlwaysStated() {
        DeflateParameters p = new DeflateParameters(false, false, 10, 15, false);
        assertTrue(p.serverMaxWindowBitsStated());
        assertEquals("permessage-deflate; server_max_window_bits=10",
                ExtensionHeader.format(List.of(PerMessageDeflate.responseFor(p))));
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
        "permessage-deflate; server_max_window_bits=10 | false,false,10,15,true",
        "permessage-deflate; server_max_window_bits=15 | false,false,15,15,true",
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
        "permessage-deflate; Server_No_Context_Takeover | true,false,15,15",
        "permessage-deflate; SERVER_MAX_WINDOW_BITS=10 | false,false,10,15,true",
        "permessage-deflate; client_no_context_takeover; Client_No_Context_Takeover | FAIL",
    })
    void clientSide(String response, String expected) {
        ExtensionOffer offer = ExtensionHeader.parse(response).get(0);
        if (expected.equals("FAIL")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PerMessageDeflate.acceptAsClient(offer));
            assertEquals(true, e.getMessage().contains("permessage-deflate"), e.getMessage());
        } else {
            String[] v = expected.split(",");
            boolean serverBitsStated = v.length > 4 && Boolean.parseBoolean(v[4]);
            assertEquals(new DeflateParameters(Boolean.parseBoolean(v[0]), Boolean.parseBoolean(v[1]),
                    Integer.parseInt(v[2]), Integer.parseInt(v[3]), serverBitsStated),
                    PerMessageDeflate.acceptAsClient(offer));
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
        "permessage-deflate; Client_Max_Window_Bits | permessage-deflate; client_max_window_bits=15 | ok",
        "permessage-deflate; server_max_window_bits=10 | permessage-deflate; Server_Max_Window_Bits=12 | FAIL",
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
            "; server_no_context_takeover; client_no_context_takeover", "; server_max_window_bits=15",
            "; server_max_window_bits=15; client_max_window_bits; client_no_context_takeover"}) {
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
