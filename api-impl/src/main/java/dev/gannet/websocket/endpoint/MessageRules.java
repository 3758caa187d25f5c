package dev.gannet.websocket.endpoint;

import dev.gannet.websocket.endpoint.CoderTypes.Coder;
import dev.gannet.websocket.endpoint.MessageMethod.ReturnKind;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The rules of {@code @OnMessage} (its javadoc lists the forms): exactly one message parameter,
 * or a String/ByteBuffer/byte[] plus a {@code boolean} for parts, with an optional Session and
 * path parameters in any order; a return type that can be sent back. The message parameter's type
 * decides the native message type, through the declared decoders for application types.
 */
final class MessageRules {

    static final String ACCEPTED_MESSAGES = "accepted: exactly one of String, a Java primitive or its box,"
            + " String+boolean (parts), Reader, ByteBuffer, byte[], ByteBuffer+boolean, byte[]+boolean,"
            + " InputStream, PongMessage, or a type with a decoder declared on the endpoint;"
            + " plus an optional Session and " + MethodRules.PATH_PARAM_RULE;
    static final String ACCEPTED_RETURNS = "accepted: void, String, ByteBuffer, byte[], a Java primitive"
            + " or its box, or a type with an encoder declared on the endpoint";

    private final MethodRules rules;
    private final List<Coder> decoders;
    private final List<Coder> encoders;

    MessageRules(MethodRules rules, List<Coder> decoders, List<Coder> encoders) {
        this.rules = rules;
        this.decoders = decoders;
        this.encoders = encoders;
    }

    MessageMethod analyse(Method m) throws DeploymentException {
        rules.requirePublic(m, OnMessage.class);
        Class<?>[] types = m.getParameterTypes();
        int[] sources = new int[types.length];
        int message = -1;
        int last = -1;
        boolean session = false;
        for (int i = 0; i < types.length; i++) {
            PathParam pp = MethodRules.pathParam(m, i);
            if (pp != null) {
                sources[i] = rules.pathSlot(m, OnMessage.class, i, pp);
            } else if (types[i] == Session.class) {
                session = rules.requireSingle(m, OnMessage.class, session, "Session");
                sources[i] = Invoker.SESSION;
            } else if (message < 0) {
                message = i;
            } else if (last < 0) {
                last = i;
            } else {
                throw error(m, "more than two message parameters (" + (i + 1) + " of type "
                        + types[i].getName() + ")");
            }
        }
        if (message < 0) {
            throw error(m, "no message parameter");
        }
        if (last >= 0 && types[last] != boolean.class && types[message] == boolean.class) {
            // The flag of a partial form may come first: "The parameters may be listed in any order".
            int t = message;
            message = last;
            last = t;
        }
        if (last >= 0 && types[last] != boolean.class) {
            throw error(m, "two message parameters, " + types[message].getName() + " and "
                    + types[last].getName() + ", and neither is the boolean 'last' flag of a partial form");
        }
        sources[message] = Invoker.PAYLOAD;
        Class<?> type = types[message];
        OnMessage ann = m.getAnnotation(OnMessage.class);
        long max = checkMaxMessageSize(m, ann.maxMessageSize());
        MessageMethod result;
        if (last >= 0) {
            sources[last] = Invoker.LAST;
            result = partial(m, type, sources, max);
        } else {
            result = whole(m, type, sources, max);
        }
        return result;
    }

    private MessageMethod partial(Method m, Class<?> type, int[] sources, long max) throws DeploymentException {
        NativeType nt;
        if (type == String.class) {
            nt = NativeType.TEXT;
        } else if (type == ByteBuffer.class || type == byte[].class) {
            nt = NativeType.BINARY;
        } else {
            throw error(m, "a partial form (message parameter plus boolean) for " + type.getName()
                    + ", but parts can only be received as String, ByteBuffer or byte[]");
        }
        return new MessageMethod(Invoker.bind(rules.endpoint, m, sources), nt, true, false, type, max,
                returnKind(m));
    }

    private MessageMethod whole(Method m, Class<?> type, int[] sources, long max) throws DeploymentException {
        NativeType nt;
        Class<?> handlerType = type;
        boolean stream = false;
        if (type == String.class) {
            nt = NativeType.TEXT;
        } else if (type == Reader.class) {
            nt = NativeType.TEXT;
            stream = true;
        } else if (type == ByteBuffer.class || type == byte[].class) {
            nt = NativeType.BINARY;
        } else if (type == InputStream.class) {
            nt = NativeType.BINARY;
            stream = true;
        } else if (type == PongMessage.class) {
            nt = NativeType.PONG;
        } else {
            Coder decoder = decoderFor(Primitives.box(type));
            if (decoder != null) {
                nt = decoder.nativeType();
                // The parameter's own type: the session then tries, in order, every declared
                // decoder whose objects fit it (willDecode chain), not only the first one.
                handlerType = Primitives.box(type);
            } else if (Primitives.isPrimitiveOrBox(type)) {
                // Spec 4.7-2: whole text messages converted by the box's String constructor.
                nt = NativeType.TEXT;
                handlerType = Primitives.box(type);
            } else {
                throw error(m, "a message parameter of type " + type.getName() + " with no decoder declared"
                        + (decoders.isEmpty() ? " (the endpoint declares none)" : " (declared: "
                        + decoders.stream().map(d -> d.coderClass().getSimpleName() + "->"
                                + d.type().getSimpleName()).toList() + ")")
                        + ", which is not a built-in message type either");
            }
        }
        return new MessageMethod(Invoker.bind(rules.endpoint, m, sources), nt, false, stream, handlerType, max,
                returnKind(m));
    }

    /** The first declared decoder whose decoded objects can be passed as {@code type}. */
    private Coder decoderFor(Class<?> type) {
        for (Coder d : decoders) {
            if (type.isAssignableFrom(d.type())) {
                return d;
            }
        }
        return null;
    }

    private ReturnKind returnKind(Method m) throws DeploymentException {
        Class<?> r = m.getReturnType();
        if (r == void.class) {
            return ReturnKind.NONE;
        }
        // An encoder for the exact type wins over the built-in conversions (javadoc of @OnMessage).
        Class<?> boxed = Primitives.box(r);
        boolean encoderExact = encoders.stream().anyMatch(e -> e.type() == boxed);
        if (r == String.class && !encoderExact) {
            return ReturnKind.TEXT;
        } else if (r == ByteBuffer.class && !encoderExact) {
            return ReturnKind.BYTE_BUFFER;
        } else if (r == byte[].class && !encoderExact) {
            return ReturnKind.BYTE_ARRAY;
        } else if (Primitives.isPrimitiveOrBox(r) && !encoderExact) {
            return ReturnKind.STRING_VALUE;
        }
        // Encoders match the runtime class of the value ("same class or a sub-class"), which may be
        // narrower than the declared return type: any encoder related to it may apply.
        boolean related = encoders.stream().anyMatch(e -> e.type().isAssignableFrom(boxed)
                || boxed.isAssignableFrom(e.type()));
        if (!related) {
            throw DeploymentErrors.forMethod(rules.endpoint, m, "@OnMessage return type " + r.getName()
                    + " has no encoder declared and cannot be sent; " + ACCEPTED_RETURNS);
        }
        return ReturnKind.OBJECT;
    }

    private long checkMaxMessageSize(Method m, long max) throws DeploymentException {
        if (max > Integer.MAX_VALUE) {
            throw DeploymentErrors.forMethod(rules.endpoint, m, "@OnMessage(maxMessageSize = " + max
                    + ") is larger than Integer.MAX_VALUE, which this JVM cannot hold in one String or"
                    + " ByteBuffer; accepted: -1 (no limit) or 1.." + Integer.MAX_VALUE);
        }
        if (max < 1 && max != -1) {
            throw DeploymentErrors.forMethod(rules.endpoint, m, "@OnMessage(maxMessageSize = " + max
                    + ") is not a size; accepted: -1 (no limit) or 1.." + Integer.MAX_VALUE);
        }
        return max;
    }

    private DeploymentException error(Method m, String problem) {
        return DeploymentErrors.forMethod(rules.endpoint, m, "@OnMessage has " + problem + "; " + ACCEPTED_MESSAGES);
    }
}
