package dev.gannet.websocket.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Answers a 401 or 407 challenge with an {@code Authorization} (or {@code Proxy-Authorization})
 * value: Digest (RFC 7616; SHA-256, SHA-512-256 and MD5, their -sess variants, qop=auth or the
 * RFC 2069 form without qop) is preferred over Basic (RFC 7617, UTF-8). One instance serves
 * one connection attempt chain, so the nonce count grows across retries with the same nonce.
 */
final class HttpAuthenticator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<String> cnonces;
    private int nonceCount;
    private String lastNonce;

    HttpAuthenticator() {
        this(HttpAuthenticator::newCnonce);
    }

    /** With a chosen cnonce source: lets tests reproduce RFC 7616's worked examples. */
    HttpAuthenticator(Supplier<String> cnonces) {
        this.cnonces = cnonces;
    }

    private static String newCnonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The outcome: a header value, or why none could be made. */
    record Answer(String headerValue, String scheme, boolean stale, String problem) {
    }

    Answer answer(List<AuthChallenge> challenges, Credentials credentials, String method, String uri) {
        if (challenges.isEmpty()) {
            return new Answer(null, null, false, "no challenge was given");
        }
        AuthChallenge best = null;
        int bestRank = -1;
        for (AuthChallenge c : challenges) {
            int rank = rank(c);
            if (rank > bestRank) {
                best = c;
                bestRank = rank;
            }
        }
        if (best == null || bestRank < 0) {
            return new Answer(null, null, false, "no supported scheme (Basic, Digest) was offered");
        }
        if (credentials == null) {
            return new Answer(null, best.scheme(), false, "no credentials are configured");
        }
        if (best.scheme().equals("basic")) {
            String token = Base64.getEncoder().encodeToString(
                    (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
            return new Answer("Basic " + token, "basic", false, null);
        }
        return digest(best, credentials, method, uri);
    }

    /** Higher is better; -1 means unusable. */
    private static int rank(AuthChallenge c) {
        if (c.scheme().equals("basic")) {
            return 0;
        }
        if (!c.scheme().equals("digest") || c.param("nonce") == null) {
            return -1;
        }
        String qop = c.param("qop");
        if (qop != null && !listContains(qop, "auth")) {
            return -1; // auth-int only: not offered by this client
        }
        return switch (baseAlgorithm(c)) {
            case "SHA-512-256" -> 4;
            case "SHA-256" -> 3;
            case "MD5" -> 2;
            default -> -1;
        };
    }

    private static String baseAlgorithm(AuthChallenge c) {
        String a = c.param("algorithm");
        a = a == null ? "MD5" : a.toUpperCase(Locale.ROOT);
        return a.endsWith("-SESS") ? a.substring(0, a.length() - 5) : a;
    }

    private Answer digest(AuthChallenge c, Credentials cred, String method, String uri) {
        String algorithm = c.param("algorithm") == null ? "MD5" : c.param("algorithm");
        boolean sess = algorithm.toUpperCase(Locale.ROOT).endsWith("-SESS");
        String jdkName = switch (baseAlgorithm(c)) {
            case "SHA-512-256" -> "SHA-512/256";
            case "SHA-256" -> "SHA-256";
            default -> "MD5";
        };
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            return new Answer(null, "digest", false, "the JDK lacks " + jdkName);
        }
        String realm = c.param("realm") == null ? "" : c.param("realm");
        String nonce = c.param("nonce");
        boolean withQop = c.param("qop") != null;
        if (!nonce.equals(lastNonce)) {
            lastNonce = nonce;
            nonceCount = 0;
        }
        String nc = String.format("%08x", ++nonceCount);
        String cnonce = cnonces.get();

        String ha1 = h(md, cred.username() + ":" + realm + ":" + cred.password());
        if (sess) {
            ha1 = h(md, ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = h(md, method + ":" + uri);
        String response = withQop
                ? h(md, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : h(md, ha1 + ":" + nonce + ":" + ha2);

        StringBuilder sb = new StringBuilder("Digest ");
        sb.append("username=").append(quote(cred.username()));
        sb.append(", realm=").append(quote(realm));
        sb.append(", nonce=").append(quote(nonce));
        sb.append(", uri=").append(quote(uri));
        sb.append(", algorithm=").append(algorithm);
        sb.append(", response=").append(quote(response));
        if (withQop) {
            sb.append(", qop=auth, nc=").append(nc).append(", cnonce=").append(quote(cnonce));
        }
        if (c.param("opaque") != null) {
            sb.append(", opaque=").append(quote(c.param("opaque")));
        }
        boolean stale = "true".equalsIgnoreCase(c.param("stale"));
        return new Answer(sb.toString(), "digest", stale, null);
    }

    private static String h(MessageDigest md, String s) {
        md.reset();
        return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static boolean listContains(String list, String token) {
        for (String part : list.split(",")) {
            if (part.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
