package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpAuthenticatorTest {

    // RFC 7616 §3.9.1: the worked example, with MD5 and SHA-256 challenges in one response.
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static final Credentials MUFASA = new Credentials("Mufasa", "Circle of Life");

    private static String challenge(String algorithm) {
        return "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=" + algorithm
                + ", nonce=\"" + NONCE + "\", opaque=\"" + OPAQUE + "\"";
    }

    @Test
    void digestSha256MatchesRfc7616Example() {
        HttpAuthenticator auth = new HttpAuthenticator(() -> CNONCE);
        HttpAuthenticator.Answer a = auth.answer(AuthChallenge.parse(List.of(challenge("SHA-256"),
                challenge("MD5"))), MUFASA, "GET", "/dir/index.html");
        assertEquals("digest", a.scheme());
        String v = a.headerValue();
        assertTrue(v.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""), v);
        assertTrue(v.contains("algorithm=SHA-256"), v);
        assertTrue(v.contains("nc=00000001"), v);
        assertTrue(v.contains("opaque=\"" + OPAQUE + "\""), v);
        assertTrue(v.contains("uri=\"/dir/index.html\""), v);
    }

    @Test
    void digestMd5MatchesRfc7616Example() {
        HttpAuthenticator auth = new HttpAuthenticator(() -> CNONCE);
        HttpAuthenticator.Answer a = auth.answer(AuthChallenge.parse(List.of(challenge("MD5"))), MUFASA, "GET",
                "/dir/index.html");
        assertTrue(a.headerValue().contains("response=\"8ca523f5e9506fed4657c9700eebdbec\""), a.headerValue());
        // the same nonce again counts up
        HttpAuthenticator.Answer b = auth.answer(AuthChallenge.parse(List.of(challenge("MD5"))), MUFASA, "GET",
                "/dir/index.html");
        assertTrue(b.headerValue().contains("nc=00000002"), b.headerValue());
    }

    @Test
    void basicWhenOnlyBasicIsOffered() {
        // RFC 7617 §2 example
        HttpAuthenticator.Answer a = new HttpAuthenticator().answer(
                AuthChallenge.parse(List.of("Basic realm=\"WallyWorld\"")),
                new Credentials("Aladdin", "open sesame"), "GET", "/");
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", a.headerValue());
    }

    @Test
    void digestIsPreferredOverBasicAndUnknownSchemesAreSkipped() {
        List<AuthChallenge> cs = AuthChallenge.parse(List.of(
                "Negotiate abc==, Basic realm=\"a, b\", charset=\"UTF-8\"",
                "Digest realm=\"r\", nonce=\"n\", stale=TRUE"));
        assertEquals(3, cs.size());
        assertEquals("a, b", cs.get(1).param("realm"));
        assertEquals("UTF-8", cs.get(1).param("CHARSET"));
        HttpAuthenticator.Answer a = new HttpAuthenticator().answer(cs, MUFASA, "CONNECT", "h:1");
        assertEquals("digest", a.scheme());
        assertTrue(a.stale());
        assertTrue(!a.headerValue().contains("qop"), "no qop offered: RFC 2069 form");
    }

    @Test
    void saysWhyNoAnswerIsPossible() {
        HttpAuthenticator auth = new HttpAuthenticator();
        HttpAuthenticator.Answer none = auth.answer(AuthChallenge.parse(List.of("Bearer realm=\"x\"")), MUFASA,
                "GET", "/");
        assertNull(none.headerValue());
        assertTrue(none.problem().contains("no supported scheme"), none.problem());
        HttpAuthenticator.Answer noCreds = auth.answer(AuthChallenge.parse(List.of("Basic realm=\"x\"")), null,
                "GET", "/");
        assertTrue(noCreds.problem().contains("no credentials"), noCreds.problem());
    }
}
