package dev.gannet.websocket.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The bound method handles: argument placement, unboxing, void results and thrown exceptions. */
class InvokerTest {

    @ServerEndpoint("/i/{n}/{name}")
    public static class Target {
        String seen;

        @OnMessage
        public String text(@PathParam("n") int n, String msg, boolean last, @PathParam("name") String name) {
            seen = n + ":" + msg + ":" + last + ":" + name;
            return seen;
        }

        @OnError
        public void error(Throwable t) throws IOException {
            throw new IOException("from handler", t);
        }
    }

    @ServerEndpoint("/s")
    public static class StaticTarget {
        static int count;

        @OnMessage
        public static void text(String msg) {
            count += msg.length();
        }
    }

    /** Two and three parameters (passed without an array), and none. */
    @ServerEndpoint("/d/{k}")
    public static class DirectTarget {
        String seen;

        @OnMessage
        public String text(boolean last, String msg) {
            seen = msg + ":" + last;
            return seen;
        }

        @OnMessage
        public long binary(java.nio.ByteBuffer data, @PathParam("k") long k, Session session) {
            seen = data.remaining() + ":" + k + ":" + (session == null);
            return k + 1;
        }

        @jakarta.websocket.OnOpen
        public void open() {
            seen = "open";
        }
    }

    @Test
    void twoAndThreeParametersAndNoneArePlaced() throws Throwable {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(DirectTarget.class, true);
        DirectTarget t = new DirectTarget();
        assertEquals("hi:true", model.messageMethod(NativeType.TEXT).invoker().invoke(t, null, "hi", true,
                new Object[1]));
        Object[] values = new Object[1];
        values[model.pathSlots().indexOf(new PathParamSlot("k", long.class))] = 41L;
        assertEquals(42L, model.messageMethod(NativeType.BINARY).invoker().invoke(t, null,
                java.nio.ByteBuffer.allocate(3), true, values));
        assertEquals("3:41:true", t.seen);
        assertNull(model.onOpen().invoke(t, null, null, false, values));
        assertEquals("open", t.seen);
    }

    @Test
    void argumentsArePlacedAndUnboxed() throws Throwable {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(Target.class, true);
        Invoker text = model.messageMethod(NativeType.TEXT).invoker();
        Object[] values = new Object[2];
        values[model.pathSlots().indexOf(new PathParamSlot("n", int.class))] = 7;
        values[model.pathSlots().indexOf(new PathParamSlot("name", String.class))] = "bob";
        Target t = new Target();
        Object result = text.invoke(t, (Session) null, "hello", false, values);
        assertEquals("7:hello:false:bob", result);
        assertEquals(result, t.seen);
    }

    @Test
    void exceptionsComeOutUnwrapped() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(Target.class, true);
        RuntimeException cause = new RuntimeException("x");
        IOException e = assertThrows(IOException.class,
                () -> model.onError().invoke(new Target(), null, cause, false, new Object[2]));
        assertSame(cause, e.getCause());
    }

    @Test
    void staticMethodsIgnoreTheTargetAndVoidGivesNull() throws Throwable {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(StaticTarget.class, true);
        StaticTarget.count = 0;
        assertNull(model.messageMethod(NativeType.TEXT).invoker().invoke(new StaticTarget(), null, "abc", true,
                new Object[0]));
        assertEquals(3, StaticTarget.count);
    }
}
