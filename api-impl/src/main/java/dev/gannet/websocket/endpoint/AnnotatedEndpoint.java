package dev.gannet.websocket.endpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adapts one instance of an annotated endpoint class, described by its
 * {@link AnnotatedEndpointModel}, to the programmatic {@link Endpoint} API, using only the
 * standard {@link Session} contract. On open it converts the path parameters once, applies each
 * {@code @OnMessage(maxMessageSize)}, registers one {@code MessageHandler.Whole} or
 * {@code MessageHandler.Partial} per {@code @OnMessage} method and then calls {@code @OnOpen}.
 * Return values of {@code @OnMessage} methods are sent back through the basic remote. Whatever an
 * annotated method throws, and every failure to send a return value, goes to {@code @OnError},
 * or to the log when the endpoint has none. One instance serves one session.
 */
public final class AnnotatedEndpoint extends Endpoint {

    private static final System.Logger LOG = System.getLogger(AnnotatedEndpoint.class.getName());

    private final AnnotatedEndpointModel model;
    private final Object instance;
    /** Converted path parameters by slot; replaced once in onOpen, read by the other callbacks. */
    private volatile Object[] pathValues;

    /**
     * @param model    the model of the instance's class (or of a superclass of it)
     * @param instance the endpoint instance this adapter calls
     * @throws IllegalArgumentException if the instance is not of the model's class
     */
    public AnnotatedEndpoint(AnnotatedEndpointModel model, Object instance) {
        this.model = Objects.requireNonNull(model, "model");
        this.instance = Objects.requireNonNull(instance, "instance");
        if (!model.endpointClass().isInstance(instance)) {
            throw new IllegalArgumentException("Instance of " + instance.getClass().getName()
                    + " is not a " + model.endpointClass().getName());
        }
        List<PathParamSlot> slots = model.pathSlots();
        Object[] initial = new Object[slots.size()];
        for (int i = 0; i < initial.length; i++) {
            initial[i] = slots.get(i).fallback();
        }
        this.pathValues = initial;
    }

    /** The endpoint instance. */
    public Object instance() {
        return instance;
    }

    /** The model this adapter follows. */
    public AnnotatedEndpointModel model() {
        return model;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        List<DecodeException> failures = new ArrayList<>(0);
        Object[] values = convertPathParameters(session, failures);
        pathValues = values;
        // Spec 4.3-6: an undecodable segment is reported to the error handler; the parameter then
        // holds null (zero for a primitive) and the application decides whether to close.
        for (DecodeException e : failures) {
            onError(session, e);
        }
        if (!session.isOpen()) {
            return;
        }
        try {
            // Handlers first: @OnOpen may send, and the reply must find its handler in place.
            for (MessageMethod mm : model.messageMethods()) {
                if (mm.appliesMaxMessageSize()) {
                    int max = (int) mm.maxMessageSize();
                    if (mm.nativeType() == NativeType.TEXT) {
                        session.setMaxTextMessageBufferSize(max);
                    } else {
                        session.setMaxBinaryMessageBufferSize(max);
                    }
                }
                register(session, mm, values);
            }
        } catch (RuntimeException e) {
            onError(session, e);
            return;
        }
        Invoker open = model.onOpen();
        if (open != null) {
            try {
                open.invoke(instance, session, config, false, values);
            } catch (Throwable t) {
                onError(session, t);
            }
        }
    }

    private Object[] convertPathParameters(Session session, List<DecodeException> failures) {
        List<PathParamSlot> slots = model.pathSlots();
        Object[] values = new Object[slots.size()];
        if (values.length == 0) {
            return values;
        }
        Map<String, String> segments = session.getPathParameters();
        for (int i = 0; i < values.length; i++) {
            PathParamSlot slot = slots.get(i);
            try {
                values[i] = slot.convert(segments == null ? null : segments.get(slot.name()));
            } catch (DecodeException e) {
                failures.add(e);
                values[i] = slot.fallback();
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private void register(Session session, MessageMethod mm, Object[] values) {
        Class<Object> type = (Class<Object>) mm.handlerType();
        if (mm.partial()) {
            MessageHandler.Partial<Object> h = (part, last) -> deliver(session, mm, part, last, values);
            session.addMessageHandler(type, h);
        } else {
            MessageHandler.Whole<Object> h = message -> deliver(session, mm, message, true, values);
            session.addMessageHandler(type, h);
        }
    }

    private void deliver(Session session, MessageMethod mm, Object message, boolean last, Object[] values) {
        Object result;
        try {
            result = mm.invoker().invoke(instance, session, message, last, values);
        } catch (Throwable t) {
            onError(session, t);
            return;
        }
        if (result != null) {
            sendBack(session, mm.returnKind(), result);
        }
    }

    /** The javadoc of {@code @OnMessage}: a return value is a message to the peer; a failed send goes to onError. */
    private void sendBack(Session session, MessageMethod.ReturnKind kind, Object result) {
        try {
            RemoteEndpoint.Basic remote = session.getBasicRemote();
            switch (kind) {
                case TEXT -> remote.sendText((String) result);
                case BYTE_BUFFER -> remote.sendBinary((ByteBuffer) result);
                case BYTE_ARRAY -> remote.sendBinary(ByteBuffer.wrap((byte[]) result));
                case STRING_VALUE -> remote.sendText(String.valueOf(result));
                case OBJECT -> remote.sendObject(result);
                case NONE -> { }
            }
        } catch (Throwable t) {
            onError(session, t);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        Invoker close = model.onClose();
        if (close != null) {
            try {
                close.invoke(instance, session, closeReason, false, pathValues);
            } catch (Throwable t) {
                // Spec 4.5-3: an error thrown by @OnClose is passed to the error handler.
                onError(session, t);
            }
        }
    }

    @Override
    public void onError(Session session, Throwable thr) {
        Invoker error = model.onError();
        if (error == null) {
            // Spec 5.2.2-3: no error handler means the error is only made available for analysis.
            LOG.log(Level.WARNING, "Unhandled error in endpoint " + model.endpointClass().getName()
                    + " (it has no @OnError method)", thr);
            return;
        }
        try {
            error.invoke(instance, session, thr, false, pathValues);
        } catch (Throwable t) {
            if (t != thr) {
                t.addSuppressed(thr);
            }
            LOG.log(Level.WARNING, "The @OnError method " + error + " of endpoint "
                    + model.endpointClass().getName() + " failed while handling an error", t);
        }
    }
}
