package dev.gannet.websocket.servlet;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the executor that runs read-and-deliver loops and {@code onOpen}. Those threads may
 * block in user code, so they must not be the container's. Virtual threads when the running JDK
 * has them (looked up through method handles: the code compiles for Java 17); otherwise a
 * bounded pool of daemon threads whose idle threads expire, so an undeployed application leaves
 * no thread behind even before {@code shutdown}.
 */
final class DeliveryExecutors {

    private static final MethodHandle VIRTUAL = findVirtualFactory();

    private DeliveryExecutors() {
    }

    static boolean virtualThreadsAvailable() {
        return VIRTUAL != null;
    }

    static ExecutorService create(String name, int maxPoolThreads) {
        if (VIRTUAL != null) {
            try {
                return (ExecutorService) VIRTUAL.invokeExact();
            } catch (Throwable e) {
                // fall back to the pool below
            }
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(maxPoolThreads, maxPoolThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static MethodHandle findVirtualFactory() {
        try {
            return MethodHandles.publicLookup().findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
