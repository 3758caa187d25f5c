package dev.gannet.websocket.endpoint;

import dev.gannet.websocket.coding.GenericTypes;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates the encoder and decoder lists of an endpoint at deployment and records, for each
 * coder, the Java type it handles and the native message type it works on. The annotated model
 * needs this to decide which {@code @OnMessage} parameter types and return types are allowed.
 */
final class CoderTypes {

    /** One declared coder: its class, the T it decodes to / encodes from, its native type. */
    record Coder(Class<?> coderClass, Class<?> type, NativeType nativeType) {
    }

    private static final Class<?>[] DECODER_KINDS = {
        Decoder.Text.class, Decoder.TextStream.class, Decoder.Binary.class, Decoder.BinaryStream.class};
    private static final Class<?>[] ENCODER_KINDS = {
        Encoder.Text.class, Encoder.TextStream.class, Encoder.Binary.class, Encoder.BinaryStream.class};

    private CoderTypes() {
    }

    static List<Coder> decoders(Class<?> endpoint, List<? extends Class<?>> classes) throws DeploymentException {
        return coders(endpoint, classes, DECODER_KINDS, "decoder");
    }

    static List<Coder> encoders(Class<?> endpoint, List<? extends Class<?>> classes) throws DeploymentException {
        return coders(endpoint, classes, ENCODER_KINDS, "encoder");
    }

    private static List<Coder> coders(Class<?> endpoint, List<? extends Class<?>> classes, Class<?>[] kinds,
            String what) throws DeploymentException {
        List<Coder> result = new ArrayList<>(classes.size());
        for (Class<?> coder : classes) {
            requireInstantiable(endpoint, coder, what);
            Coder found = null;
            for (int i = 0; i < kinds.length && found == null; i++) {
                Class<?> type = typeArgument(coder, kinds[i]);
                if (type != null) {
                    // Text and TextStream come first in the kind arrays, Binary and BinaryStream last.
                    found = new Coder(coder, type, i < 2 ? NativeType.TEXT : NativeType.BINARY);
                }
            }
            if (found == null) {
                throw DeploymentErrors.forClass(endpoint, what + " " + coder.getName()
                        + " implements none of " + names(kinds) + "; one of them is required");
            }
            result.add(found);
        }
        return List.copyOf(result);
    }

    /**
     * The T of {@code kind} as implemented by {@code coder}: null if it does not implement kind,
     * Object when the class leaves T open (raw or unbound), as then any object may come out of it.
     */
    private static Class<?> typeArgument(Class<?> coder, Class<?> kind) {
        if (!kind.isAssignableFrom(coder)) {
            return null;
        }
        Class<?> t = GenericTypes.resolve(coder, kind, 0);
        return t == null ? Object.class : t;
    }

    /** Spec 4.1.2/4.1.3: coders must have a public no-arg constructor (the container makes one per session). */
    static void requireInstantiable(Class<?> endpoint, Class<?> coder, String what) throws DeploymentException {
        if (coder.isInterface() || Modifier.isAbstract(coder.getModifiers())) {
            throw DeploymentErrors.forClass(endpoint, what + " " + coder.getName()
                    + " is abstract; a concrete class with a public no-arg constructor is required");
        }
        try {
            coder.getConstructor();
        } catch (NoSuchMethodException e) {
            throw DeploymentErrors.forClass(endpoint, what + " " + coder.getName()
                    + " has no public no-arg constructor; one is required so that an instance can be made per session");
        }
    }

    private static String names(Class<?>[] kinds) {
        StringBuilder b = new StringBuilder();
        for (Class<?> k : kinds) {
            b.append(b.length() == 0 ? "" : ", ").append(k.getName().substring(k.getName().lastIndexOf('.') + 1)
                    .replace('$', '.'));
        }
        return b.toString();
    }
}
