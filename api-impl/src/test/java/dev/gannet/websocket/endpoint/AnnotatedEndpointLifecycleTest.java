package dev.gannet.websocket.endpoint;

import static dev.gannet.websocket.endpoint.AnnotatedEndpointMessagesTest.text;
import static dev.gannet.websocket.endpoint.Wire.WAIT_MS;
import static dev.gannet.websocket.endpoint.Wire.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.endpoint.TestCoders.Foo;
import dev.gannet.websocket.protocol.ClosePayload;
import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.session.RawPeer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** @OnOpen/@OnClose/@OnError, path parameters, size limits and error routing over a real WsSession. */
class AnnotatedEndpointLifecycleTest {

    @ServerEndpoint("/rooms/{room}/{n}")
    public static class Room {
        final BlockingQueue<String> events = Wire.queue();
        final BlockingQueue<Throwable> errors = Wire.queue();

        @OnOpen
        public void open(@PathParam("n") int n, EndpointConfig config, @PathParam("room") String room,
                Session session, @PathParam("ghost") String ghost) {
            events.add("open:" + room + ":" + n + ":" + ghost + ":" + (config instanceof ServerEndpointConfig)
                    + ":" + session.isOpen());
        }

        @OnMessage(maxMessageSize = 8)
        public String text(String message, @PathParam("n") Integer n) {
            if (message.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            return "text:" + message + ":" + n;
        }

        @OnClose
        public void close(CloseReason reason, @PathParam("room") String room) {
            events.add("close:" + reason.getCloseCode().getCode() + ":" + reason.getReasonPhrase() + ":" + room);
        }

        @OnError
        public void error(Session session, Throwable t, @PathParam("room") String room) {
            errors.add(t);
            events.add("error:" + t.getClass().getSimpleName() + ":" + room);
        }
    }

    private static int closeCode(RawPeer.Frame f) {
        assertEquals(OpCode.CLOSE, f.opcode(), "opcode");
        return ClosePayload.parse(ByteBuffer.wrap(f.payload())).code();
    }

    @Test
    void pathParametersReachEveryCallbackConverted() throws Exception {
        Room room = new Room();
        try (Wire w = Wire.open(room, Map.of("room", "lobby", "n", "7"))) {
            assertEquals("open:lobby:7:null:true:true", next(room.events));
            w.peer.sendText("hi");
            assertEquals("text:hi:7", text(w.peer.next(WAIT_MS)));
            w.peer.sendClose(1000, "bye");
            assertEquals("close:1000:bye:lobby", next(room.events));
            assertEquals(1000, closeCode(w.peer.next(WAIT_MS)));
        }
    }

    @ServerEndpoint("/flags/{flag}")
    public static class BracedName {
        @OnMessage
        public String echo(@PathParam("{flag}") Boolean flag, Boolean b, Session s) {
            return b + ":" + flag;
        }
    }

    @Test
    void pathParamNameWrittenWithBracesNamesTheVariable() throws Exception {
        try (Wire w = Wire.open(new BracedName(), Map.of("flag", "false"))) {
            w.peer.sendText("true");
            assertEquals("true:false", text(w.peer.next(WAIT_MS)));
        }
    }

    @Test
    void undecodablePathParameterIsADecodeExceptionForOnError() throws Exception {
        Room room = new Room();
        try (Wire w = Wire.open(room, Map.of("room", "lobby", "n", "seven"))) {
            assertEquals("error:DecodeException:lobby", next(room.events));
            DecodeException e = assertInstanceOf(DecodeException.class, next(room.errors));
            assertEquals("seven", e.getText());
            // The session stays up; the parameter holds zero (null for the box) and the app decides.
            assertEquals("open:lobby:0:null:true:true", next(room.events));
            w.peer.sendText("hi");
            assertEquals("text:hi:null", text(w.peer.next(WAIT_MS)));
        }
    }

    @Test
    void maxMessageSizeIsAppliedToTheSession() throws Exception {
        Room room = new Room();
        try (Wire w = Wire.open(room, Map.of("room", "r", "n", "1"))) {
            next(room.events);
            assertEquals(8, w.session.getMaxTextMessageBufferSize());
            w.peer.sendText("12345678");
            assertEquals("text:12345678:1", text(w.peer.next(WAIT_MS)));
            w.peer.sendText("123456789");
            assertEquals(1009, closeCode(w.peer.next(WAIT_MS)));
        }
    }

    @Test
    void exceptionFromOnMessageGoesToOnErrorAndTheSessionContinues() throws Exception {
        Room room = new Room();
        try (Wire w = Wire.open(room, Map.of("room", "r", "n", "1"))) {
            next(room.events);
            w.peer.sendText("boom");
            Throwable t = next(room.errors);
            assertInstanceOf(IllegalStateException.class, t);
            assertEquals("boom", t.getMessage());
            w.peer.sendText("ok");
            assertEquals("text:ok:1", text(w.peer.next(WAIT_MS)));
        }
    }

    @ServerEndpoint("/failing")
    public static class FailingCallbacks {
        final BlockingQueue<Throwable> errors = Wire.queue();

        @OnOpen
        public void open() {
            throw new IllegalArgumentException("open failed");
        }

        @OnMessage
        public String text(String message, Session session) throws IOException {
            session.close();
            return "too late";
        }

        @OnClose
        public void close() throws IOException {
            throw new IOException("close failed");
        }

        @OnError
        public void error(Throwable t) {
            errors.add(t);
        }
    }

    @Test
    void exceptionsFromOnOpenAndOnCloseAndLateReturnsGoToOnError() throws Exception {
        FailingCallbacks endpoint = new FailingCallbacks();
        try (Wire w = Wire.open(endpoint)) {
            assertEquals("open failed", assertInstanceOf(IllegalArgumentException.class,
                    next(endpoint.errors)).getMessage());
            w.peer.sendText("x");
            // The javadoc of @OnMessage: a return value that cannot be sent because the method
            // closed the session is a send failure for the error handler.
            Throwable fromSend = next(endpoint.errors);
            assertTrue(fromSend instanceof IllegalStateException || fromSend instanceof IOException,
                    () -> "send failure: " + fromSend);
            assertEquals(1000, closeCode(w.peer.next(WAIT_MS)));
            w.peer.sendClose(1000, "");
            // Spec 4.5-3: what @OnClose throws goes to the error handler.
            assertEquals("close failed", assertInstanceOf(IOException.class, next(endpoint.errors)).getMessage());
            // Open until onClose has returned; the test saw onClose from inside it.
            for (long end = System.nanoTime() + 5_000_000_000L; w.session.isOpen() && System.nanoTime() < end; ) {
                Thread.onSpinWait();
            }
            assertFalse(w.session.isOpen());
        }
    }

    public static class FailingEncoder implements Encoder.Text<Foo> {
        @Override
        public String encode(Foo foo) throws EncodeException {
            throw new EncodeException(foo, "cannot encode " + foo.value);
        }
    }

    @ServerEndpoint(value = "/encode", encoders = FailingEncoder.class)
    public static class EncodeFailure {
        final BlockingQueue<Throwable> errors = Wire.queue();

        @OnMessage
        public Foo text(String s) {
            return new Foo(s);
        }

        @OnError
        public void error(Throwable t) {
            errors.add(t);
        }
    }

    @Test
    void encoderFailureOfAReturnValueGoesToOnError() throws Exception {
        EncodeFailure endpoint = new EncodeFailure();
        try (Wire w = Wire.open(endpoint)) {
            w.peer.sendText("abc");
            EncodeException e = assertInstanceOf(EncodeException.class, next(endpoint.errors));
            assertEquals("cannot encode abc", e.getMessage());
            assertTrue(w.session.isOpen());
        }
    }

    @ServerEndpoint("/noerror")
    public static class WithoutOnError {
        @OnMessage
        public String text(String s) {
            if (s.equals("boom")) {
                throw new UnsupportedOperationException("unhandled " + s);
            }
            return s;
        }
    }

    @Test
    void withoutOnErrorTheErrorIsLoggedAndTheSessionContinues() throws Exception {
        BlockingQueue<LogRecord> records = Wire.queue();
        Logger logger = Logger.getLogger(AnnotatedEndpoint.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try (Wire w = Wire.open(new WithoutOnError())) {
            w.peer.sendText("boom");
            LogRecord r = next(records);
            assertTrue(r.getMessage().contains(WithoutOnError.class.getName()), r.getMessage());
            assertEquals("unhandled boom", r.getThrown().getMessage());
            w.peer.sendText("fine");
            assertEquals("fine", text(w.peer.next(WAIT_MS)));
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void theAdapterExposesInstanceAndModelAndChecksTheInstanceType() throws Exception {
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(Room.class, true);
        Room room = new Room();
        AnnotatedEndpoint endpoint = new AnnotatedEndpoint(model, room);
        assertSame(room, endpoint.instance());
        assertSame(model, endpoint.model());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AnnotatedEndpoint(model, new WithoutOnError()));
        assertNotNull(e.getMessage());
    }
}
