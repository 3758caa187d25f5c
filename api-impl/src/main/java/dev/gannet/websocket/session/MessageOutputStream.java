package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.OpCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The stream behind {@code getSendStream()} (and, under an encoding writer, {@code
 * getSendWriter()}): bytes are gathered in one buffer and sent as a fragment each time it fills
 * or on {@code flush()}; {@code close()} sends the final fragment. The buffer is reused because
 * each fragment is sent blocking. The frames form their own message in the outbound queue. As the
 * API requires, closing without any write call sends nothing, and any write call (even of nothing)
 * makes the close send a message.
 */
final class MessageOutputStream extends OutputStream {

    private final MessageSender sender;
    private final int opcode;
    private final OutMessage message = new OutMessage();
    private final byte[] buffer;
    private int count;
    private boolean started;
    private boolean written;
    private boolean closed;

    MessageOutputStream(MessageSender sender, int opcode, int bufferSize) {
        this.sender = sender;
        this.opcode = opcode;
        this.buffer = new byte[Math.max(1024, Math.min(bufferSize, 64 * 1024))];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        written = true;
        if (count == buffer.length) {
            sendFragment(false);
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        written = true;
        while (len > 0) {
            if (count == buffer.length) {
                sendFragment(false);
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
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
    }

    /** Records a write call that produced no bytes yet (a writer's characters still being encoded). */
    void markWritten() {
        written = true;
    }

    private void sendFragment(boolean last) throws IOException {
        int op = started ? OpCode.CONTINUATION : opcode;
        started = true;
        ByteBuffer payload = ByteBuffer.wrap(buffer, 0, count);
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
