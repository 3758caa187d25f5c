package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {

    private static final String HEAD = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "connection:   Upgrade  \r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
            + "X-Multi: a\r\n"
            + "x-multi: b\r\n"
            + "\r\n";

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void parsesInAnySplitAndLeavesTheFollowingBytes() throws IOException {
        String wire = HEAD + "\u0081\u0002hi";
        for (int split = 1; split < wire.length(); split++) {
            HttpResponseParser p = new HttpResponseParser(1024);
            ByteBuffer first = bytes(wire.substring(0, split));
            HttpResponse r = p.feed(first);
            ByteBuffer second = bytes(wire.substring(split));
            if (r == null) {
                assertEquals(0, first.remaining());
                r = p.feed(second);
            } else {
                second = ByteBuffer.wrap(concat(first, second));
            }
            assertEquals(101, r.status(), "split " + split);
            assertEquals("Upgrade", r.joined("Connection"));
            assertEquals(List.of("a", "b"), r.values("X-MULTI"));
            assertEquals(4, second.remaining(), "frame bytes stay unread, split " + split);
            assertEquals((byte) 0x81, second.get(second.position()));
        }
    }

    private static byte[] concat(ByteBuffer a, ByteBuffer b) {
        byte[] out = new byte[a.remaining() + b.remaining()];
        a.get(out, 0, a.remaining());
        b.get(out, out.length - b.remaining(), b.remaining());
        return out;
    }

    @Test
    void boundsTheHeadSize() throws IOException {
        HttpResponseParser p = new HttpResponseParser(64);
        String big = "HTTP/1.1 200 OK\r\nX: " + "y".repeat(100) + "\r\n\r\n";
        IOException e = assertThrows(IOException.class, () -> p.feed(bytes(big)));
        assertTrue(e.getMessage().contains("64 bytes"), e.getMessage());
        assertNull(new HttpResponseParser(64).feed(bytes("HTTP/1.1 200 OK\r\n")));
    }

    @Test
    void rejectsWhatIsNotHttp() {
        assertThrows(IOException.class, () -> new HttpResponseParser(1024).feed(bytes("SSH-2.0-OpenSSH\r\n\r\n")));
        assertThrows(IOException.class, () -> new HttpResponseParser(1024)
                .feed(bytes("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n folded\r\n\r\n")));
        assertThrows(IOException.class, () -> new HttpResponseParser(1024)
                .feed(bytes("HTTP/1.1 101 OK\r\nBad Name: x\r\n\r\n")));
    }

    @Test
    void describesForErrorMessages() throws IOException {
        HttpResponse r = new HttpResponseParser(1024).feed(bytes(
                "HTTP/1.1 403 Forbidden\r\nServer: test\r\nContent-Type: text/plain\r\n\r\n"));
        assertEquals("\"HTTP/1.1 403 Forbidden\", Server: test", r.describe("Server", "Location"));
    }
}
