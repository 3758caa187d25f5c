package dev.gannet.websocket.conformance;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;

/**
 * The server endpoint the Autobahn fuzzing client talks to: every text message comes back as
 * text and every binary message as binary, unchanged. It is written against the Jakarta API
 * alone, so the same class runs on Gannet and on the stand-in provider and any difference in
 * the reports belongs to the provider, not to the endpoint. The client-side fuzzing run uses it
 * as a client endpoint, with a latch that tells when the fuzzing server has closed the case.
 */
public final class EchoEndpoint extends Endpoint {

    /** Autobahn's largest messages (9.1.6, 9.2.6) are 16 MiB; leave room above that. */
    static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private final CountDownLatch closed;

    /** The server endpoint, created by the provider. */
    public EchoEndpoint() {
        this(new CountDownLatch(1));
    }

    /** An endpoint that counts {@code closed} down when its session ends. */
    EchoEndpoint(CountDownLatch closed) {
        this.closed = closed;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        session.addMessageHandler(String.class, text -> echo(session, () -> session.getBasicRemote().sendText(text)));
        session.addMessageHandler(ByteBuffer.class,
                data -> echo(session, () -> session.getBasicRemote().sendBinary(data)));
    }

    @Override
    public void onError(Session session, Throwable failure) {
        // Protocol violations are the point of the suite; the provider closes the connection
        // itself, so there is nothing to do here beyond not letting the error escape.
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closed.countDown();
    }

    private static void echo(Session session, Send send) {
        try {
            send.run();
        } catch (IOException e) {
            // The fuzzer often closes or drops the connection while an echo is on its way;
            // that is expected and the provider has already torn the session down.
        }
    }

    @FunctionalInterface
    private interface Send {
        void run() throws IOException;
    }
}
