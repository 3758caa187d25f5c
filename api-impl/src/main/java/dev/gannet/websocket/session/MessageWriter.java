package dev.gannet.websocket.session;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The writer of {@code getSendWriter()}: UTF-8 over a {@link MessageOutputStream} of a text
 * message, recording every write call so that even an empty write makes {@code close()} send a
 * (possibly empty) message, as the API requires.
 */
final class MessageWriter extends Writer {

    private final MessageOutputStream out;
    private final OutputStreamWriter encoder;

    MessageWriter(MessageOutputStream out) {
        this.out = out;
        this.encoder = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int c) throws IOException {
        out.markWritten();
        encoder.write(c);
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        out.markWritten();
        encoder.write(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        out.markWritten();
        encoder.write(str, off, len);
    }

    @Override
    public void flush() throws IOException {
        encoder.flush();
    }

    @Override
    public void close() throws IOException {
        encoder.close();
    }
}
