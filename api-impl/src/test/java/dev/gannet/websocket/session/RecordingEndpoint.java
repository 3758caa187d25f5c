package dev.gannet.websocket.session;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A programmatic endpoint for tests: runs a set-up action in onOpen and records what happens. */
final class RecordingEndpoint extends Endpoint {

    final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
    final AtomicInteger closeCount = new AtomicInteger();
    final AtomicInteger concurrent = new AtomicInteger();
    volatile boolean overlapped;
    volatile Session session;
    private final Consumer<Session> onOpen;

    RecordingEndpoint(Consumer<Session> onOpen) {
        this.onOpen = onOpen;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        enter();
        try {
            this.session = session;
            onOpen.accept(session);
        } finally {
            exit();
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        enter();
        try {
            closeCount.incrementAndGet();
            closes.add(closeReason);
        } finally {
            exit();
        }
    }

    @Override
    public void onError(Session session, Throwable thr) {
        enter();
        try {
            errors.add(thr);
        } finally {
            exit();
        }
    }

    void enter() {
        if (concurrent.incrementAndGet() > 1) {
            overlapped = true;
        }
    }

    void exit() {
        concurrent.decrementAndGet();
    }

    Object event(long ms) throws InterruptedException {
        Object o = events.poll(ms, TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new AssertionError("No event within " + ms + " ms; errors: " + errors);
        }
        return o;
    }

    CloseReason close(long ms) throws InterruptedException {
        CloseReason r = closes.poll(ms, TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("onClose not called within " + ms + " ms; errors: " + errors);
        }
        return r;
    }

    Throwable error(long ms) throws InterruptedException {
        Throwable t = errors.poll(ms, TimeUnit.MILLISECONDS);
        if (t == null) {
            throw new AssertionError("onError not called within " + ms + " ms");
        }
        return t;
    }
}
