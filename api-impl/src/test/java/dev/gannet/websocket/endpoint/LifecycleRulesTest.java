package dev.gannet.websocket.endpoint;

import static dev.gannet.websocket.endpoint.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parameter and multiplicity rules of @OnOpen, @OnClose, @OnError and @PathParam (spec 4.3-4.6). */
class LifecycleRulesTest {

    @ServerEndpoint("/x")
    public static class TwoOnOpen {
        @OnOpen
        public void a() {
        }

        @OnOpen
        public void b(Session s) {
        }
    }

    @ServerEndpoint("/x")
    public static class TwoOnClose {
        @OnClose
        public void a() {
        }

        @OnClose
        public void b() {
        }
    }

    @ServerEndpoint("/x")
    public static class TwoOnError {
        @OnError
        public void a(Throwable t) {
        }

        @OnError
        public void b(Throwable t) {
        }
    }

    @ServerEndpoint("/x")
    public static class OpenWithPlainString {
        @OnOpen
        public void open(Session s, String notAPathParam) {
        }
    }

    @ServerEndpoint("/x")
    public static class OpenWithTwoSessions {
        @OnOpen
        public void open(Session a, Session b) {
        }
    }

    @ServerEndpoint("/x")
    public static class OpenWithTwoConfigs {
        @OnOpen
        public void open(EndpointConfig a, EndpointConfig b) {
        }
    }

    @ServerEndpoint("/x")
    public static class OpenWithClientConfigOnServer {
        @OnOpen
        public void open(ClientEndpointConfig c) {
        }
    }

    @ServerEndpoint("/x")
    public static class CloseWithConfig {
        @OnClose
        public void close(EndpointConfig c) {
        }
    }

    @ServerEndpoint("/x")
    public static class ErrorWithoutThrowable {
        @OnError
        public void error(Session s) {
        }
    }

    @ServerEndpoint("/x")
    public static class ErrorWithException {
        @OnError
        public void error(Exception e) {
        }
    }

    @ServerEndpoint("/x")
    public static class ErrorWithTwoThrowables {
        @OnError
        public void error(Throwable a, Throwable b) {
        }
    }

    @ServerEndpoint("/x")
    public static class NonPublicOpen {
        @OnOpen
        void open() {
        }
    }

    @ServerEndpoint("/x")
    public static class PathParamOfWrongType {
        @OnOpen
        public void open(@PathParam("id") Object id) {
        }
    }

    @ServerEndpoint("/x")
    public static class PathParamWithoutName {
        @OnClose
        public void close(@PathParam("") String id) {
        }
    }

    @ServerEndpoint("/rooms/{room}/{seat}")
    public static class AllLifecycle {
        @OnOpen
        public void open(@PathParam("room") String room, ServerEndpointConfig config, Session s,
                @PathParam("seat") int seat) {
        }

        @OnClose
        public void close(CloseReason reason, @PathParam("seat") int seat, Session s) {
        }

        @OnError
        public void error(@PathParam("room") String room, Throwable t) {
        }
    }

    @ClientEndpoint
    public static class ClientLifecycle {
        @OnOpen
        public void open(ClientEndpointConfig config) {
        }

        @OnClose
        public static void close() {
        }
    }

    @Test
    void atMostOneOnOpen() {
        assertRejected(TwoOnOpen.class, true, "@OnOpen is already on", "at most one method");
    }

    @Test
    void atMostOneOnClose() {
        assertRejected(TwoOnClose.class, true, "@OnClose is already on", "at most one method");
    }

    @Test
    void atMostOneOnError() {
        assertRejected(TwoOnError.class, true, "@OnError is already on", "at most one method");
    }

    @Test
    void onOpenRejectsUnannotatedString() {
        assertRejected(OpenWithPlainString.class, true, "method OpenWithPlainString.open(Session, String)",
                "parameter 2 of type java.lang.String is not allowed",
                "accepted: an optional Session, an optional EndpointConfig and @PathParam");
    }

    @Test
    void onlyOneSessionParameter() {
        assertRejected(OpenWithTwoSessions.class, true, "more than one Session parameter");
    }

    @Test
    void onlyOneEndpointConfigParameter() {
        assertRejected(OpenWithTwoConfigs.class, true, "more than one EndpointConfig parameter");
    }

    @Test
    void serverOnOpenCannotAskForClientConfig() {
        assertRejected(OpenWithClientConfigOnServer.class, true, "ClientEndpointConfig is not allowed");
    }

    @Test
    void onCloseRejectsEndpointConfig() {
        assertRejected(CloseWithConfig.class, true, "@OnClose parameter 1",
                "accepted: an optional Session, an optional CloseReason");
    }

    @Test
    void onErrorNeedsThrowable() {
        assertRejected(ErrorWithoutThrowable.class, true, "@OnError requires a Throwable parameter");
    }

    @Test
    void onErrorParameterMustBeThrowableItself() {
        assertRejected(ErrorWithException.class, true, "java.lang.Exception is not allowed",
                "a Throwable (mandatory)");
    }

    @Test
    void onErrorHasOneThrowable() {
        assertRejected(ErrorWithTwoThrowables.class, true, "more than one Throwable parameter");
    }

    @Test
    void annotatedMethodsMustBePublic() {
        assertRejected(NonPublicOpen.class, true, "NonPublicOpen.open()", "is not public");
    }

    @Test
    void pathParamTypeIsChecked() {
        assertRejected(PathParamOfWrongType.class, true, "@PathParam(\"id\")", "type java.lang.Object",
                "accepted: String, a Java primitive or its box");
    }

    @Test
    void pathParamNeedsAName() {
        assertRejected(PathParamWithoutName.class, true, "empty name");
    }

    @Test
    void validLifecycleMethodsMapTheirParameters() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(AllLifecycle.class, true);
        // Same name and type share one slot, so each value is converted once per session.
        assertEquals(2, model.pathSlots().size());
        int room = model.pathSlots().indexOf(new PathParamSlot("room", String.class));
        int seat = model.pathSlots().indexOf(new PathParamSlot("seat", int.class));
        assertArrayEquals(new int[] {room, Invoker.PAYLOAD, Invoker.SESSION, seat}, model.onOpen().sources());
        assertArrayEquals(new int[] {Invoker.PAYLOAD, seat, Invoker.SESSION}, model.onClose().sources());
        assertArrayEquals(new int[] {room, Invoker.PAYLOAD}, model.onError().sources());
        assertEquals(List.of(), model.messageMethods());
    }

    @Test
    void clientLifecycleMayTakeClientConfigAndBeStatic() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(ClientLifecycle.class, false);
        assertNotNull(model.onOpen());
        assertNotNull(model.onClose());
        assertNull(model.onError());
    }
}
