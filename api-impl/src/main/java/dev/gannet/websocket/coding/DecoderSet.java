package dev.gannet.websocket.coding;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoders of one session: the user decoders of an {@link EndpointConfig} (instantiated and
 * initialised per session, destroyed when it ends) plus the built-in decoders. Given a handler's
 * message type it tells the native message type it is received as, and decodes whole messages,
 * asking each candidate decoder's {@code willDecode} in configuration order. Stream decoders
 * receive a reader/stream over the buffered message.
 */
public final class DecoderSet {

    private static final System.Logger LOG = System.getLogger(DecoderSet.class.getName());

    private enum Form { TEXT, TEXT_STREAM, BINARY, BINARY_STREAM }

    private record Entry(Decoder decoder, Form form, Class<?> target) {
    }

    /** Returned by the {@code tryDecode} methods when no configured decoder accepted the message. */
    public static final Object NOT_DECODED = new Object();

    /** Holds no state: shared by every session whose endpoint configures no decoder. */
    private static final DecoderSet EMPTY = new DecoderSet(List.of());

    private final List<Entry> entries;

    private DecoderSet(List<Entry> entries) {
        this.entries = entries;
    }

    /** A set with only the built-in decoders (one shared instance: it holds no state). */
    public static DecoderSet empty() {
        return EMPTY;
    }

    /**
     * Instantiates and initialises every decoder of {@code config}.
     *
     * @throws IllegalArgumentException naming the decoder class when one cannot be created
     */
    public static DecoderSet create(EndpointConfig config) {
        if (config == null || config.getDecoders() == null || config.getDecoders().isEmpty()) {
            return empty();
        }
        List<Entry> list = new ArrayList<>();
        try {
            for (Class<? extends Decoder> type : config.getDecoders()) {
                Decoder decoder = CoderFactory.instantiate(type, "Decoder");
                list.add(entryFor(decoder));
                decoder.init(config);
            }
        } catch (RuntimeException e) {
            new DecoderSet(list).destroy();
            throw e;
        }
        return new DecoderSet(List.copyOf(list));
    }

    private static Entry entryFor(Decoder decoder) {
        Class<?> c = decoder.getClass();
        if (decoder instanceof Decoder.Text) {
            return new Entry(decoder, Form.TEXT, targetOf(c, Decoder.Text.class));
        } else if (decoder instanceof Decoder.TextStream) {
            return new Entry(decoder, Form.TEXT_STREAM, targetOf(c, Decoder.TextStream.class));
        } else if (decoder instanceof Decoder.Binary) {
            return new Entry(decoder, Form.BINARY, targetOf(c, Decoder.Binary.class));
        } else if (decoder instanceof Decoder.BinaryStream) {
            return new Entry(decoder, Form.BINARY_STREAM, targetOf(c, Decoder.BinaryStream.class));
        }
        throw new IllegalArgumentException("Decoder " + c.getName()
                + " must implement Decoder.Text, Decoder.TextStream, Decoder.Binary or Decoder.BinaryStream");
    }

    private static Class<?> targetOf(Class<?> c, Class<?> iface) {
        Class<?> t = GenericTypes.resolve(c, iface, 0);
        return t == null ? Object.class : t;
    }

    /**
     * The native message type a whole-message handler of {@code type} receives, or {@code null}
     * when neither a built-in nor a configured decoder produces it.
     */
    public MessageKind kindOf(Class<?> type) {
        if (type == String.class || type == Reader.class) {
            return MessageKind.TEXT;
        }
        if (type == ByteBuffer.class || type == byte[].class || type == InputStream.class) {
            return MessageKind.BINARY;
        }
        if (type == PongMessage.class) {
            return MessageKind.PONG;
        }
        Class<?> boxed = BuiltinCoders.box(type);
        for (Entry e : entries) {
            if (boxed.isAssignableFrom(e.target)) {
                return e.form == Form.TEXT || e.form == Form.TEXT_STREAM ? MessageKind.TEXT : MessageKind.BINARY;
            }
        }
        return BuiltinCoders.isPrimitiveOrBox(type) ? MessageKind.TEXT : null;
    }

    /**
     * Decodes a whole text message into {@code type}: the first configured text decoder producing
     * that type whose {@code willDecode} accepts the text (stream decoders always accept), else
     * the built-in decoder of a primitive or box.
     *
     * @throws DecodeException from the decoder, or when no decoder accepts the message
     */
    public Object decodeText(Class<?> type, String text) throws DecodeException {
        Object decoded = tryDecodeText(type, text);
        if (decoded != NOT_DECODED) {
            return decoded;
        }
        if (BuiltinCoders.isPrimitiveOrBox(type)) {
            return BuiltinCoders.decodePrimitive(type, text);
        }
        throw new DecodeException(text, "No decoder for " + type.getName() + " accepted the text message");
    }

    /**
     * Like {@link #decodeText} with the configured decoders only: {@link #NOT_DECODED} when none of
     * them produces {@code type} and accepts the text (used for String handlers, which get the
     * text itself then).
     */
    public Object tryDecodeText(Class<?> type, String text) throws DecodeException {
        Class<?> boxed = BuiltinCoders.box(type);
        for (Entry e : entries) {
            if (!boxed.isAssignableFrom(e.target)) {
                continue;
            }
            if (e.form == Form.TEXT) {
                Decoder.Text<?> d = (Decoder.Text<?>) e.decoder;
                if (d.willDecode(text)) {
                    return d.decode(text);
                }
            } else if (e.form == Form.TEXT_STREAM) {
                try (Reader r = new StringReader(text)) {
                    return ((Decoder.TextStream<?>) e.decoder).decode(r);
                } catch (IOException ex) {
                    throw new DecodeException(text, "Decoder " + e.decoder.getClass().getName() + " failed", ex);
                }
            }
        }
        return NOT_DECODED;
    }

    /**
     * Decodes a whole binary message into {@code type}: the first configured binary decoder
     * producing that type whose {@code willDecode} accepts the bytes (stream decoders always
     * accept). Each decoder sees the message from its first byte.
     *
     * @throws DecodeException from the decoder, or when no decoder accepts the message
     */
    public Object decodeBinary(Class<?> type, ByteBuffer data) throws DecodeException {
        Object decoded = tryDecodeBinary(type, data);
        if (decoded != NOT_DECODED) {
            return decoded;
        }
        throw new DecodeException(data, "No decoder for " + type.getName() + " accepted the binary message");
    }

    /**
     * Like {@link #decodeBinary} but {@link #NOT_DECODED} when no configured decoder produces
     * {@code type} and accepts the bytes ({@code data}'s position is then unchanged).
     */
    public Object tryDecodeBinary(Class<?> type, ByteBuffer data) throws DecodeException {
        Class<?> boxed = BuiltinCoders.box(type);
        int start = data.position();
        for (Entry e : entries) {
            if (!boxed.isAssignableFrom(e.target)) {
                continue;
            }
            data.position(start);
            if (e.form == Form.BINARY) {
                Decoder.Binary<?> d = (Decoder.Binary<?>) e.decoder;
                boolean will = d.willDecode(data);
                data.position(start);
                if (will) {
                    return d.decode(data);
                }
            } else if (e.form == Form.BINARY_STREAM) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                try (InputStream in = new ByteArrayInputStream(bytes)) {
                    return ((Decoder.BinaryStream<?>) e.decoder).decode(in);
                } catch (IOException ex) {
                    throw new DecodeException(ByteBuffer.wrap(bytes), "Decoder "
                            + e.decoder.getClass().getName() + " failed", ex);
                }
            }
        }
        data.position(start);
        return NOT_DECODED;
    }

    /** Whether a configured decoder produces {@code type} (or a subtype). */
    public boolean hasDecoderFor(Class<?> type) {
        Class<?> boxed = BuiltinCoders.box(type);
        for (Entry e : entries) {
            if (boxed.isAssignableFrom(e.target)) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code destroy()} on every decoder; failures are logged. */
    public void destroy() {
        for (Entry e : entries) {
            try {
                e.decoder.destroy();
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "Decoder " + e.decoder.getClass().getName() + ".destroy() failed", ex);
            }
        }
    }
}
