package dev.gannet.websocket.session;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor used when a container supplies none: virtual threads when the running JDK has
 * them (stream handlers block on their pipe, which virtual threads do cheaply), otherwise cached
 * daemon threads whose idle ones expire after 30 s. Looked up once, without a compile-time
 * dependency on JDK 21.
 */
final class DefaultExecutor {

    static final Executor INSTANCE = create();

    private DefaultExecutor() {
    }

    private static Executor create() {
        try {
            MethodHandle factory = MethodHandles.publicLookup().findStatic(Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
            return (Executor) factory.invoke();
        } catch (Throwable notAvailable) {
            AtomicInteger counter = new AtomicInteger();
            return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "gannet-session-" + counter.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }
}
