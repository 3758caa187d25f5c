package dev.gannet.websocket.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Reads a connection's bytes, plain or through TLS, for {@link ReadHandOff}. It runs on the
 * thread that holds the read side (a worker), never concurrently with itself; the TLS engine
 * allows unwrapping there while another thread wraps.
 */
final class SocketReader implements ReadHandOff.Source {

    private final SocketChannel channel;
    private final int bufferSize;
    /** Asked when a post-handshake TLS message needs a reply record (the write side sends it). */
    private final Runnable tlsReply;
    private ByteBuffer plain;
    private ByteBuffer data;
    private boolean eof;
    private volatile TlsCodec tls;

    SocketReader(SocketChannel channel, int bufferSize, Runnable tlsReply) {
        this.channel = channel;
        this.bufferSize = bufferSize;
        this.tlsReply = tlsReply;
    }

    /** From now on bytes are decrypted (set before the first read after the TLS handshake). */
    void useTls(TlsCodec codec) {
        tls = codec;
    }

    @Override
    public int read() throws IOException {
        TlsCodec t = tls;
        return t == null ? readPlain() : readTls(t);
    }

    private int readPlain() throws IOException {
        if (eof) {
            return -1;
        }
        if (plain == null) {
            plain = ByteBuffer.allocate(bufferSize);
        }
        plain.clear();
        int n = channel.read(plain);
        if (n > 0) {
            plain.flip();
            data = plain;
        } else if (n < 0) {
            eof = true;
        }
        return n;
    }

    private int readTls(TlsCodec t) throws IOException {
        ByteBuffer appIn = t.appIn();
        // Read until a whole record decrypts or the socket is empty: a record split across
        // reads must not cost a trip through the selector while its rest is already there.
        while (appIn.position() == 0 && !eof) {
            int n = channel.read(t.netIn());
            if (n < 0) {
                eof = true;
            }
            appIn = t.unwrap(tlsReply);
            if (n <= 0 || t.inboundDone()) {
                break;
            }
        }
        if (appIn.position() > 0) {
            appIn.flip();
            data = appIn;
            return appIn.remaining();
        }
        if (eof || t.inboundDone()) {
            eof = true;
            return -1;
        }
        return 0;
    }

    @Override
    public ByteBuffer data() {
        return data;
    }

    @Override
    public void consumed(ByteBuffer delivered) {
        TlsCodec t = tls;
        if (t != null && delivered == t.appIn()) {
            delivered.clear(); // the plaintext buffer is in write mode between reads
        }
    }
}
