package dev.gannet.websocket.client;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * Incremental parser of an HTTP/1.1 response head (RFC 9112 §4-5), fed with whatever the socket
 * delivers. It stops at the blank line and leaves the following bytes (WebSocket frames that
 * may share the read) in the input buffer. The head is bounded: a server that sends more than
 * {@code maxHeadBytes} fails the exchange instead of growing memory.
 */
final class HttpResponseParser {

    private final int maxHeadBytes;
    private ByteBuffer head;
    private int lineStart;
    private String statusLine;
    private int status;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private HttpResponse result;

    HttpResponseParser(int maxHeadBytes) {
        this.maxHeadBytes = maxHeadBytes;
        this.head = ByteBuffer.allocate(Math.min(maxHeadBytes, 4096));
    }

    /**
     * Consumes bytes of {@code in} up to the end of the head. Returns the response when the
     * head is complete (then {@code in} is positioned at the first byte after it), else null.
     */
    HttpResponse feed(ByteBuffer in) throws IOException {
        if (result != null) {
            return result;
        }
        ByteBuffer buf = head;
        while (in.hasRemaining()) {
            byte b = in.get();
            if (buf.position() == buf.capacity()) {
                if (buf.capacity() >= maxHeadBytes) {
                    throw new ProtocolException("The HTTP response head is larger than " + maxHeadBytes + " bytes");
                }
                ByteBuffer bigger = ByteBuffer.allocate(Math.min(maxHeadBytes, buf.capacity() * 2));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
            buf.put(b);
            if (b == '\n') {
                int end = buf.position() - 1;
                if (end > lineStart && buf.get(end - 1) == '\r') {
                    end--;
                }
                String line = new String(buf.array(), lineStart, end - lineStart, StandardCharsets.ISO_8859_1);
                lineStart = buf.position();
                if (line(line)) {
                    result = new HttpResponse(statusLine, status, headers);
                    break;
                }
            }
        }
        head = buf;
        return result;
    }

    /** Returns true at the blank line that ends the head. */
    private boolean line(String line) throws IOException {
        if (statusLine == null) {
            if (line.isEmpty() && headers.isEmpty()) {
                return false; // tolerate leading empty lines (RFC 9112 §2.2)
            }
            parseStatusLine(line);
            return false;
        }
        if (line.isEmpty()) {
            return true;
        }
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            throw new ProtocolException("Obsolete line folding in HTTP response header: \"" + line + "\"");
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line, colon)) {
            throw new ProtocolException("Malformed HTTP response header line: \"" + line + "\"");
        }
        String name = line.substring(0, colon);
        String value = line.substring(colon + 1).strip();
        headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        return false;
    }

    private void parseStatusLine(String line) throws IOException {
        // HTTP-version SP 3DIGIT SP [reason]
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' '
                || !Character.isDigit(line.charAt(9)) || !Character.isDigit(line.charAt(10))
                || !Character.isDigit(line.charAt(11)) || line.length() > 12 && line.charAt(12) != ' ') {
            throw new ProtocolException("Not an HTTP/1.1 status line: \"" + truncate(line) + "\"");
        }
        statusLine = line;
        status = Integer.parseInt(line.substring(9, 12));
    }

    private static boolean isToken(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static String truncate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
