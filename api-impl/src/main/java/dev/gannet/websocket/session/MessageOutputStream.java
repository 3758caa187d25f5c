package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.OpCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The stream behind {@code getSendStream()} (and, under an encoding writer, {@code
 * getSendWriter()}): bytes are gathered in one buffer and sent as a fragment each time it fills
 * or on {@code flush()}; {@code close()} sends the final fragment. The buffer is reused because
 * each fragment is sent blocking. The frames form their own message in the outbound queue.
 */
final class MessageOutputStream extends OutputStream {

    private final MessageSender sender;
    private final int opcode;
    private final OutMessage message = new OutMessage();
    private final byte[] buffer;
    private int count;
    private boolean started;
    private boolean closed;

    MessageOutputStream(MessageSender sender, int opcode, int bufferSize) {
        this.sender = sender;
        this.opcode = opcode;
        this.buffer = new byte[Math.max(1024, Math.min(bufferSize, 64 * 1024))];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (count == buffer.length) {
            sendFragment(false);
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
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
        sendFragment(true);
    }

    private void sendFragment(boolean last) throws IOException {
        int op = started ? OpCode.CONTINUATION : opcode;
        started = true;
        ByteBuffer payload = ByteBuffer.wrap(buffer, 0, count);
        count = 0;
        sender.sendBlocking(message, op, payload, last);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("The message stream is closed");
        }
    }
}
