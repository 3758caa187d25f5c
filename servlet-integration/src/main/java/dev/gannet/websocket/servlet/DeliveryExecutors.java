package dev.gannet.websocket.servlet;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the executor that runs read-and-deliver loops and {@code onOpen}. Those threads may
 * block in user code, so they must not be the container's. Virtual threads when the running JDK
 * has them (looked up through method handles: the code compiles for Java 17); otherwise a
 * bounded pool of daemon threads that hands each task to an idle thread when there is one and
 * starts a new thread only when there is none, so a burst of short tasks (10,000 connections
 * opening) does not leave the pool at its maximum; idle threads above one expire.
 */
final class DeliveryExecutors {

    private static final MethodHandle VIRTUAL = findVirtualFactory();

    private DeliveryExecutors() {
    }

    static boolean virtualThreadsAvailable() {
        return VIRTUAL != null;
    }

    /**
     * @param loader the application's class loader, set as every delivery thread's context class
     *     loader: threads start on demand from whatever thread submits (a container thread, the
     *     shared session timer), whose own context loader may belong to another application
     */
    static ExecutorService create(String name, int maxPoolThreads, ClassLoader loader) {
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
            t.setContextClassLoader(loader);
            return t;
        };
        // One core thread that never expires: it is always there to take tasks queued at the
        // maximum, so none can be stranded by the last thread expiring at that moment.
        HandOffQueue queue = new HandOffQueue();
        return new ThreadPoolExecutor(1, Math.max(1, maxPoolThreads), 30, TimeUnit.SECONDS, queue, factory,
                (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("The application's delivery pool is shut down");
                    }
                    queue.enqueue(task); // every thread is busy and the pool is at its maximum
                });
    }

    /**
     * A queue that accepts a task only when an idle thread is waiting for it, so the pool starts
     * a thread (up to its maximum) instead of queueing behind busy ones; a plain queue with
     * core = maximum would start a new thread for every task until the maximum is reached.
     */
    private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
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
