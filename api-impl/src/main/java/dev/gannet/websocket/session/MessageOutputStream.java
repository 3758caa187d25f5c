package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.OpCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stream behind {@code getSendStream()} (and, under an encoding writer, {@code
 * getSendWriter()}): bytes are gathered in one buffer of {@value #SEND_FRAGMENT_BYTES} bytes and
 * sent as a fragment each time it fills or on {@code flush()}; {@code close()} sends the final
 * fragment. The fragment size is our own outbound choice, unrelated to the inbound message buffer
 * sizes: large enough that the frame header is noise, small enough that a stream per session
 * costs little. The buffer is taken from the session's {@link Spare} at the first write and given
 * back at a clean close (each fragment is sent blocking, so no write still reads it then); a
 * stream whose send failed keeps it, since the transport may still hold the bytes. The frames form their own message in the outbound queue. As the
 * API requires, closing without any write call sends nothing, and any write call (even of nothing)
 * makes the close send a message.
 */
final class MessageOutputStream extends OutputStream {

    private final MessageSender sender;
    private final int opcode;
    private final OutMessage message = new OutMessage();
    /** The payload of each fragment but the last (the last may be shorter). */
    static final int SEND_FRAGMENT_BYTES = 16 * 1024;

    /** One fragment buffer kept per session for the next stream or writer (one at a time; others allocate). */
    static final class Spare {
        private final AtomicReference<byte[]> buffer = new AtomicReference<>();

        byte[] take() {
            byte[] b = buffer.getAndSet(null);
            return b != null ? b : new byte[SEND_FRAGMENT_BYTES];
        }

        void giveBack(byte[] b) {
            buffer.set(b);
        }
    }

    private final Spare spare;
    private byte[] buffer;
    private int count;
    private boolean started;
    private boolean written;
    private boolean closed;

    MessageOutputStream(MessageSender sender, int opcode, Spare spare) {
        this.sender = sender;
        this.opcode = opcode;
        this.spare = spare;
    }

    private byte[] buffer() {
        if (buffer == null) {
            buffer = spare.take();
        }
        return buffer;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        written = true;
        byte[] buf = buffer();
        if (count == buf.length) {
            sendFragment(false);
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        written = true;
        byte[] buf = buffer();
        while (len > 0) {
            if (count == buf.length) {
                sendFragment(false);
            }
            int n = Math.min(len, buf.length - count);
            System.arraycopy(b, off, buf, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (count > 0) {
            sendFragment(false);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (written) { // no write call, no message (RemoteEndpoint.Basic#getSendStream)
            sendFragment(true);
        }
        if (buffer != null) {
            spare.giveBack(buffer); // only after a clean send: see the class comment
            buffer = null;
        }
    }

    /** Records a write call that produced no bytes yet (a writer's characters still being encoded). */
    void markWritten() {
        written = true;
    }

    private void sendFragment(boolean last) throws IOException {
        int op = started ? OpCode.CONTINUATION : opcode;
        started = true;
        ByteBuffer payload = ByteBuffer.wrap(buffer(), 0, count);
        count = 0;
        try {
            sender.sendBlocking(message, op, payload, last);
        } catch (IOException | RuntimeException e) {
            closed = true; // the message is broken: later writes must not join it
            throw e;
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("The message stream is closed");
        }
    }
}
