package dev.gannet.websocket.client;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A programmatic client endpoint that records what it receives, for the tests. */
public class Recorder extends Endpoint {

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Session> opened = new CompletableFuture<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) messages::add);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) messages::add);
        opened.complete(session);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closed.complete(closeReason);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        errors.add(thr);
    }

    Object next() throws InterruptedException {
        Object m = messages.poll(20, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within 20 s; errors: " + errors);
        }
        return m;
    }

    CloseReason awaitClose() throws Exception {
        return closed.get(20, TimeUnit.SECONDS);
    }
}
