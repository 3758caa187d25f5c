package dev.gannet.websocket.endpoint;

import dev.gannet.websocket.endpoint.CoderTypes.Coder;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The deployment-time model of one annotated endpoint class ({@code @ServerEndpoint} or
 * {@code @ClientEndpoint}): every rule of the Jakarta WebSocket specification on the class and
 * its {@code @OnOpen}, {@code @OnClose}, {@code @OnError}, {@code @OnMessage} and
 * {@code @PathParam} declarations is checked once, when the model is built, and each violation is
 * a {@link DeploymentException} naming the class, the method and the rule. The model is immutable
 * and thread-safe; it holds method handles and per-parameter sources, so that the
 * {@link AnnotatedEndpoint}s made from it for each connection call the methods without
 * reflection.
 *
 * <p>Inheritance (spec 4.8): the class-level annotation must be on the class itself. Annotated
 * methods declared by superclasses belong to the endpoint, except those overridden in a subclass:
 * an overriding method is a callback only if it carries the annotation itself.
 */
public final class AnnotatedEndpointModel {

    private static final System.Logger LOG = System.getLogger(AnnotatedEndpointModel.class.getName());

    private final Class<?> endpointClass;
    private final boolean server;
    private final Constructor<?> constructor;
    private final Invoker onOpen;
    private final Invoker onClose;
    private final Invoker onError;
    private final List<MessageMethod> messageMethods;
    private final List<PathParamSlot> pathSlots;

    private AnnotatedEndpointModel(Class<?> endpointClass, boolean server, Constructor<?> constructor,
            Invoker[] lifecycle, List<MessageMethod> messageMethods, List<PathParamSlot> pathSlots) {
        this.endpointClass = endpointClass;
        this.server = server;
        this.constructor = constructor;
        this.onOpen = lifecycle[0];
        this.onClose = lifecycle[1];
        this.onError = lifecycle[2];
        this.messageMethods = messageMethods;
        this.pathSlots = pathSlots;
    }

    /**
     * Introspects an endpoint class annotated with {@code @ServerEndpoint} ({@code server} true)
     * or {@code @ClientEndpoint} (false), using the path, encoders, decoders and configurator of
     * that annotation.
     *
     * @throws DeploymentException if the class or one of its annotated methods breaks a rule
     */
    public static AnnotatedEndpointModel of(Class<?> endpointClass, boolean server) throws DeploymentException {
        if (server) {
            ServerEndpoint ann = requireAnnotation(endpointClass, ServerEndpoint.class);
            return build(endpointClass, true, ann.value(), List.of(ann.decoders()), List.of(ann.encoders()),
                    containerInstantiates(ann.configurator()));
        }
        ClientEndpoint ann = requireAnnotation(endpointClass, ClientEndpoint.class);
        return build(endpointClass, false, null, List.of(ann.decoders()), List.of(ann.encoders()), false);
    }

    /**
     * Introspects a class that is deployed through a programmatic configuration rather than its
     * own class-level annotation (as {@code ServerEndpointConfig.Builder.create(pojoClass, path)}
     * allows): the path, decoders and encoders come from {@code config}, and the class needs no
     * class-level annotation. A {@link ServerEndpointConfig} makes a server model.
     *
     * @throws DeploymentException if the class or one of its annotated methods breaks a rule
     */
    public static AnnotatedEndpointModel of(Class<?> endpointClass, EndpointConfig config)
            throws DeploymentException {
        boolean server = config instanceof ServerEndpointConfig;
        String path = server ? ((ServerEndpointConfig) config).getPath() : null;
        boolean instantiates = server
                && containerInstantiates(((ServerEndpointConfig) config).getConfigurator().getClass());
        return build(endpointClass, server, path, config.getDecoders(), config.getEncoders(), instantiates);
    }

    /**
     * Whether endpoint instances come from the container's own creation (the public no-arg
     * constructor): true unless the application's configurator overrides getEndpointInstance
     * (the platform default configurator, found as the API finds it, is not the application's).
     */
    private static boolean containerInstantiates(Class<?> configurator) {
        Class<?> owner;
        try {
            owner = configurator.getMethod("getEndpointInstance", Class.class).getDeclaringClass();
        } catch (NoSuchMethodException e) {
            return true;
        }
        if (owner == ServerEndpointConfig.Configurator.class) {
            return true;
        }
        return ServiceLoader.load(ServerEndpointConfig.Configurator.class).stream()
                .anyMatch(p -> p.type() == owner);
    }

    private static <A extends Annotation> A requireAnnotation(Class<?> c, Class<A> type) throws DeploymentException {
        A ann = c.getAnnotation(type);
        if (ann != null) {
            return ann;
        }
        for (Class<?> s = c.getSuperclass(); s != null; s = s.getSuperclass()) {
            if (s.isAnnotationPresent(type)) {
                throw DeploymentErrors.forClass(c, "extends the annotated endpoint " + s.getName()
                        + " but is not annotated with @" + type.getSimpleName() + " itself; class-level"
                        + " WebSocket annotations are not inherited (spec 4.8)");
            }
        }
        throw DeploymentErrors.forClass(c, "is not annotated with @" + type.getSimpleName()
                + "; an annotated endpoint requires it on the class");
    }

    private static AnnotatedEndpointModel build(Class<?> c, boolean server, String path,
            List<? extends Class<?>> decoderClasses, List<? extends Class<?>> encoderClasses,
            boolean containerInstantiates) throws DeploymentException {
        if (c.isInterface() || c.isArray() || c.isPrimitive() || Modifier.isAbstract(c.getModifiers())) {
            throw DeploymentErrors.forClass(c, "is abstract or an interface; an endpoint class must be concrete");
        }
        if (server && !Modifier.isPublic(c.getModifiers())) {
            throw DeploymentErrors.forClass(c, "is not public; a server endpoint class must be public (spec 4.1)");
        }
        Constructor<?> ctor = publicNoArgConstructor(c);
        if (ctor == null && containerInstantiates) {
            throw DeploymentErrors.forClass(c, "has no public no-arg constructor; one is required when the"
                    + " container creates the instances (default configurator, spec 4.1)");
        }
        List<Coder> decoders = CoderTypes.decoders(c, decoderClasses);
        List<Coder> encoders = CoderTypes.encoders(c, encoderClasses);
        MethodRules rules = new MethodRules(c, server);
        MessageRules messageRules = new MessageRules(rules, decoders, encoders);
        Invoker[] lifecycle = new Invoker[3];
        List<Class<? extends Annotation>> order = List.of(OnOpen.class, OnClose.class, OnError.class);
        Map<NativeType, MessageMethod> messages = new EnumMap<>(NativeType.class);
        for (Method m : MethodScanner.annotatedMethods(c)) {
            for (int i = 0; i < 3; i++) {
                if (m.isAnnotationPresent(order.get(i))) {
                    if (lifecycle[i] != null) {
                        throw DeploymentErrors.forMethod(c, m, "@" + order.get(i).getSimpleName()
                                + " is already on " + lifecycle[i] + "; at most one method may carry it");
                    }
                    lifecycle[i] = rules.lifecycle(m, order.get(i));
                }
            }
            if (m.isAnnotationPresent(OnMessage.class)) {
                MessageMethod mm = messageRules.analyse(m);
                MessageMethod before = messages.putIfAbsent(mm.nativeType(), mm);
                if (before != null) {
                    throw DeploymentErrors.forMethod(c, m, "@OnMessage for " + mm.nativeType().label()
                            + " messages is already on " + before.invoker() + "; at most one @OnMessage"
                            + " method per native message type (text, binary, pong) is accepted");
                }
            }
        }
        List<PathParamSlot> slots = rules.slots();
        warnAboutUnknownPathParams(c, path, slots);
        return new AnnotatedEndpointModel(c, server, ctor, lifecycle, List.copyOf(messages.values()), slots);
    }

    private static Constructor<?> publicNoArgConstructor(Class<?> c) {
        try {
            Constructor<?> ctor = c.getConstructor();
            ctor.trySetAccessible();
            return ctor;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /**
     * Spec 4.3: a {@code @PathParam} name that is not a variable of the template gets null. That is
     * legal, so it is not rejected, but it is almost always a typo: say so once, at deployment.
     */
    private static void warnAboutUnknownPathParams(Class<?> c, String path, List<PathParamSlot> slots) {
        List<String> vars = path == null ? List.of() : TemplateVariables.names(path);
        if (vars == null) {
            return;
        }
        List<String> unknown = new ArrayList<>();
        for (PathParamSlot s : slots) {
            if (!vars.contains(s.name()) && !unknown.contains(s.name())) {
                unknown.add(s.name());
            }
        }
        if (!unknown.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Endpoint {0}: @PathParam names {1} are not variables of"
                    + " the path {2}; those parameters will be null", c.getName(), unknown, path);
        }
    }

    /** The endpoint class this model describes. */
    public Class<?> endpointClass() {
        return endpointClass;
    }

    /** True for a {@code @ServerEndpoint} model, false for a client one. */
    public boolean isServer() {
        return server;
    }

    /**
     * A new instance of the endpoint class through its public no-arg constructor, for containers
     * that create endpoint instances themselves.
     *
     * @throws InstantiationException if the class has no such constructor or the constructor failed
     */
    public Object newInstance() throws InstantiationException {
        if (constructor == null) {
            throw new InstantiationException(endpointClass.getName() + " has no public no-arg constructor");
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            InstantiationException ie = new InstantiationException("The constructor of "
                    + endpointClass.getName() + " failed: " + e.getCause());
            ie.initCause(e.getCause());
            throw ie;
        } catch (ReflectiveOperationException e) {
            InstantiationException ie = new InstantiationException("Cannot instantiate "
                    + endpointClass.getName() + ": " + e);
            ie.initCause(e);
            throw ie;
        }
    }

    Invoker onOpen() {
        return onOpen;
    }

    Invoker onClose() {
        return onClose;
    }

    Invoker onError() {
        return onError;
    }

    List<MessageMethod> messageMethods() {
        return messageMethods;
    }

    MessageMethod messageMethod(NativeType type) {
        for (MessageMethod m : messageMethods) {
            if (m.nativeType() == type) {
                return m;
            }
        }
        return null;
    }

    List<PathParamSlot> pathSlots() {
        return pathSlots;
    }

    @Override
    public String toString() {
        return "AnnotatedEndpointModel[" + endpointClass.getName() + (server ? ", server" : ", client") + "]";
    }
}
