package dev.gannet.websocket.session;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor used when a container supplies none: virtual threads when the running JDK has
 * them (stream handlers block on their pipe, which virtual threads do cheaply; none outlives its
 * task), otherwise a pool of daemon threads with no core threads whose idle ones expire after
 * {@value #KEEP_ALIVE_S} s, so no thread survives the last session for long (a thread kept alive
 * would pin a web application's class loader when the engine is deployed inside one). Pool
 * threads carry the engine's class loader as context loader and no inherited access control
 * context. Looked up once, without a compile-time dependency on JDK 21.
 */
final class DefaultExecutor {

    static final long KEEP_ALIVE_S = 30;
    static final Executor INSTANCE = create();

    private DefaultExecutor() {
    }

    private static Executor create() {
        try {
            MethodHandle factory = MethodHandles.publicLookup().findStatic(Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
            return (Executor) factory.invoke();
        } catch (Throwable notAvailable) {
            return platformPool();
        }
    }

    static ThreadPoolExecutor platformPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_S, TimeUnit.SECONDS,
                new SynchronousQueue<>(), EngineThreads.factory("gannet-session-"));
        pool.allowCoreThreadTimeOut(true); // no core threads anyway; says so should the core size change
        return pool;
    }
}
