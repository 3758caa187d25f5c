package dev.gannet.websocket.coding;

import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The encoders of one session: the user encoders of an {@link EndpointConfig} (instantiated and
 * initialised per session, destroyed when it ends) plus the built-ins for String, ByteBuffer,
 * byte[], primitives and boxes. An encoder whose type is the object's class wins over one
 * declared for a superclass; otherwise configuration order decides. Calls into one session's
 * encoders are serialised, so no two threads are ever inside an encoder at once (spec §4.1.2).
 */
public final class EncoderSet {

    private static final System.Logger LOG = System.getLogger(EncoderSet.class.getName());

    private enum Form { TEXT, TEXT_STREAM, BINARY, BINARY_STREAM }

    private record Entry(Encoder encoder, Form form, Class<?> target) {
    }

    /** Holds no state: shared by every session whose endpoint configures no encoder. */
    private static final EncoderSet EMPTY = new EncoderSet(List.of());

    private final List<Entry> entries;
    /** Serialises the configured encoders (instances are not thread-safe); none without them. */
    private final ReentrantLock lock;

    private EncoderSet(List<Entry> entries) {
        this.entries = entries;
        this.lock = entries.isEmpty() ? null : new ReentrantLock();
    }

    /** A set with only the built-in encoders (one shared instance: it holds no state). */
    public static EncoderSet empty() {
        return EMPTY;
    }

    /**
     * Instantiates and initialises every encoder of {@code config}.
     *
     * @throws IllegalArgumentException naming the encoder class when one cannot be created
     */
    public static EncoderSet create(EndpointConfig config) {
        if (config == null || config.getEncoders() == null || config.getEncoders().isEmpty()) {
            return empty();
        }
        List<Entry> list = new ArrayList<>();
        try {
            for (Class<? extends Encoder> type : config.getEncoders()) {
                Encoder encoder = CoderFactory.instantiate(type, "Encoder");
                list.add(entryFor(encoder));
                encoder.init(config);
            }
        } catch (RuntimeException e) {
            new EncoderSet(list).destroy();
            throw e;
        }
        return new EncoderSet(List.copyOf(list));
    }

    private static Entry entryFor(Encoder encoder) {
        Class<?> c = encoder.getClass();
        if (encoder instanceof Encoder.Text) {
            return new Entry(encoder, Form.TEXT, targetOf(c, Encoder.Text.class));
        } else if (encoder instanceof Encoder.TextStream) {
            return new Entry(encoder, Form.TEXT_STREAM, targetOf(c, Encoder.TextStream.class));
        } else if (encoder instanceof Encoder.Binary) {
            return new Entry(encoder, Form.BINARY, targetOf(c, Encoder.Binary.class));
        } else if (encoder instanceof Encoder.BinaryStream) {
            return new Entry(encoder, Form.BINARY_STREAM, targetOf(c, Encoder.BinaryStream.class));
        }
        throw new IllegalArgumentException("Encoder " + c.getName()
                + " must implement Encoder.Text, Encoder.TextStream, Encoder.Binary or Encoder.BinaryStream");
    }

    private static Class<?> targetOf(Class<?> c, Class<?> iface) {
        Class<?> t = GenericTypes.resolve(c, iface, 0);
        return t == null ? Object.class : t;
    }

    /**
     * Encodes {@code data} into a text or binary message.
     *
     * @throws EncodeException from the encoder, or when no encoder handles the object's class
     */
    public EncodedMessage encode(Object data) throws EncodeException {
        if (data == null) {
            throw new IllegalArgumentException("Cannot send a null object");
        }
        Entry entry = find(data.getClass());
        if (entry == null) {
            return builtin(data);
        }
        lock.lock();
        try {
            return encodeWith(entry, data);
        } catch (IOException e) {
            throw new EncodeException(data, "Encoder " + entry.encoder.getClass().getName() + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static EncodedMessage encodeWith(Entry entry, Object data) throws EncodeException, IOException {
        switch (entry.form) {
            case TEXT:
                String text = ((Encoder.Text) entry.encoder).encode(data);
                if (text == null) {
                    throw new EncodeException(data, "Encoder " + entry.encoder.getClass().getName() + " returned null");
                }
                return new EncodedMessage(text, null);
            case TEXT_STREAM:
                StringWriter w = new StringWriter();
                ((Encoder.TextStream) entry.encoder).encode(data, w);
                return new EncodedMessage(w.toString(), null);
            case BINARY:
                ByteBuffer b = ((Encoder.Binary) entry.encoder).encode(data);
                if (b == null) {
                    throw new EncodeException(data, "Encoder " + entry.encoder.getClass().getName() + " returned null");
                }
                return new EncodedMessage(null, b);
            default:
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ((Encoder.BinaryStream) entry.encoder).encode(data, out);
                return new EncodedMessage(null, ByteBuffer.wrap(out.toByteArray()));
        }
    }

    private Entry find(Class<?> type) {
        for (Entry e : entries) {
            if (e.target == type) {
                return e;
            }
        }
        for (Entry e : entries) {
            if (e.target.isAssignableFrom(type) && e.target != Object.class) {
                return e;
            }
        }
        for (Entry e : entries) {
            if (e.target == Object.class) {
                return e;
            }
        }
        return null;
    }

    private static EncodedMessage builtin(Object data) throws EncodeException {
        if (data instanceof String s) {
            return new EncodedMessage(s, null);
        }
        if (data instanceof ByteBuffer b) {
            return new EncodedMessage(null, b);
        }
        if (data instanceof byte[] a) {
            return new EncodedMessage(null, ByteBuffer.wrap(a));
        }
        if (BuiltinCoders.isPrimitiveOrBox(data.getClass())) {
            return new EncodedMessage(String.valueOf(data), null);
        }
        throw new EncodeException(data, "No encoder for " + data.getClass().getName()
                + "; add an Encoder for it to the endpoint's configuration");
    }

    /** Calls {@code destroy()} on every encoder; failures are logged. */
    public void destroy() {
        for (Entry e : entries) {
            try {
                e.encoder.destroy();
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "Encoder " + e.encoder.getClass().getName() + ".destroy() failed", ex);
            }
        }
    }
}
