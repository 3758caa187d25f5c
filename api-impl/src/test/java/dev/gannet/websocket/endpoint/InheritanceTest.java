package dev.gannet.websocket.endpoint;

import static dev.gannet.websocket.endpoint.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec 4.8: class annotations are not inherited; annotated methods of superclasses are part of an
 * annotated subclass unless overridden, and an overriding method counts only if it is annotated.
 */
class InheritanceTest {

    /** Not an endpoint itself: a plain base class with callbacks. */
    public abstract static class Base {
        final List<String> calls = new ArrayList<>();

        @OnOpen
        public void open(Session s) {
            calls.add("base-open");
        }

        @OnMessage
        public void text(String msg) {
            calls.add("base-text:" + msg);
        }

        @OnClose
        public void close() {
            calls.add("base-close");
        }
    }

    @ServerEndpoint("/inherits")
    public static class InheritsAll extends Base {
    }

    @ServerEndpoint("/overrides")
    public static class OverridesWithoutAnnotation extends Base {
        @Override
        public void text(String msg) {
            calls.add("sub-text:" + msg);
        }

        @Override
        public void close() {
            calls.add("sub-close");
        }
    }

    @ServerEndpoint("/reannotates")
    public static class OverridesWithAnnotation extends Base {
        @OnMessage
        @Override
        public void text(String msg) {
            calls.add("sub-text:" + msg);
        }
    }

    /** A second @OnOpen next to an inherited one is a duplicate: both belong to the endpoint. */
    @ServerEndpoint("/duplicate")
    public static class AddsSecondOnOpen extends Base {
        @OnOpen
        public void anotherOpen() {
        }
    }

    /** A text handler of a different form next to the inherited one is a duplicate as well. */
    @ServerEndpoint("/duplicate-text")
    public static class AddsSecondTextHandler extends Base {
        @OnMessage
        public void reader(java.io.Reader r) {
        }
    }

    /** A generic superclass method overridden through a bridge method. */
    public abstract static class GenericBase<T> {
        @OnMessage
        public void text(String msg) {
        }

        @OnOpen
        public void open(T unused) {
        }
    }

    @ServerEndpoint("/generic")
    public static class GenericSub extends GenericBase<Session> {
        @Override
        public void open(Session s) {
        }
    }

    @Test
    void inheritedAnnotatedMethodsAreCallbacks() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(InheritsAll.class, true);
        assertNotNull(model.onOpen());
        assertNotNull(model.onClose());
        assertEquals(Base.class, model.messageMethod(NativeType.TEXT).invoker().method().getDeclaringClass());
    }

    @Test
    void overridingWithoutAnnotationRemovesTheCallback() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(OverridesWithoutAnnotation.class, true);
        assertNull(model.messageMethod(NativeType.TEXT));
        assertNull(model.onClose());
        assertNotNull(model.onOpen(), "not overridden, still inherited");
    }

    @Test
    void overridingWithAnnotationKeepsOnlyTheOverride() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(OverridesWithAnnotation.class, true);
        MessageMethod text = model.messageMethod(NativeType.TEXT);
        assertEquals(OverridesWithAnnotation.class, text.invoker().method().getDeclaringClass());
        OverridesWithAnnotation endpoint = new OverridesWithAnnotation();
        try {
            text.invoker().invoke(endpoint, null, "hi", true, new Object[0]);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        assertEquals(List.of("sub-text:hi"), endpoint.calls);
    }

    @Test
    void inheritedAndOwnCallbackOfOneKindIsADuplicate() {
        assertRejected(AddsSecondOnOpen.class, true, "@OnOpen is already on");
    }

    @Test
    void inheritedAndOwnMessageHandlerOfOneNativeTypeIsADuplicate() {
        assertRejected(AddsSecondTextHandler.class, true, "@OnMessage for text messages is already on");
    }

    @Test
    void overrideThroughABridgeMethodAlsoRemovesTheCallback() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(GenericSub.class, true);
        assertNull(model.onOpen());
        assertNotNull(model.messageMethod(NativeType.TEXT));
    }
}
