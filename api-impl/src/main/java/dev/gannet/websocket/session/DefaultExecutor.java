package dev.gannet.websocket.session;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The executor used when a container supplies none: cached daemon threads, idle ones expire. */
final class DefaultExecutor {

    static final Executor INSTANCE = create();

    private DefaultExecutor() {
    }

    private static Executor create() {
        AtomicInteger counter = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "gannet-session-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
