package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The platform-thread delivery pool: short tasks one after another reuse an idle thread instead
 * of growing the pool, tasks beyond the maximum wait for a thread rather than being refused, and
 * every thread runs with the application's class loader.
 */
class DeliveryExecutorsTest {

    private ExecutorService executor;

    @AfterEach
    void shutDown() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void sequentialTasksReuseAnIdleThread() throws Exception {
        assumeFalse(DeliveryExecutors.virtualThreadsAvailable(), "virtual threads: no pool to size");
        executor = DeliveryExecutors.create("pool-test", 50, getClass().getClassLoader());
        for (int i = 0; i < 500; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            executor.execute(ran::countDown);
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            // Let the thread get back to waiting, as between two connections opening.
            awaitIdle((ThreadPoolExecutor) executor);
        }
        int size = ((ThreadPoolExecutor) executor).getPoolSize();
        assertTrue(size <= 2, "500 tasks one after another grew the pool to " + size + " threads");
    }

    @Test
    void theDefaultBoundLetsFiveHundredHandlersBlockWhileAnotherConnectionIsServed() throws Exception {
        assumeFalse(DeliveryExecutors.virtualThreadsAvailable(), "virtual threads: no pool to size");
        executor = DeliveryExecutors.create("pool-test", ServletSettings.DEFAULT_DELIVERY_THREADS,
                getClass().getClassLoader());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(500);
        try {
            for (int i = 0; i < 500; i++) {
                executor.execute(() -> {
                    blocked.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(blocked.await(20, TimeUnit.SECONDS), "500 blocking handlers did not all get a thread");
            CountDownLatch otherRead = new CountDownLatch(1);
            executor.execute(otherRead::countDown); // another connection's read loop
            assertTrue(otherRead.await(5, TimeUnit.SECONDS), "a read waited behind blocked handlers");
        } finally {
            release.countDown();
        }
    }

    @Test
    void tasksBeyondTheMaximumWaitForAThread() throws Exception {
        assumeFalse(DeliveryExecutors.virtualThreadsAvailable(), "virtual threads: no pool to size");
        executor = DeliveryExecutors.create("pool-test", 4, getClass().getClassLoader());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(20);
        CountDownLatch fourRunning = new CountDownLatch(4);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            executor.execute(() -> {
                most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                fourRunning.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                concurrent.decrementAndGet();
                done.countDown();
            });
        }
        assertTrue(fourRunning.await(5, TimeUnit.SECONDS), "the pool did not start its 4 threads");
        assertEquals(4, ((ThreadPoolExecutor) executor).getPoolSize());
        release.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS), "queued tasks did not all run");
        assertEquals(4, most.get());
    }

    @Test
    void threadsRunWithTheApplicationsClassLoaderWhoeverStartsThem() throws Exception {
        assumeFalse(DeliveryExecutors.virtualThreadsAvailable(), "virtual threads inherit the submitter's loader");
        ClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
        executor = DeliveryExecutors.create("pool-test", 4, application);
        AtomicReference<ClassLoader> seen = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        // Submitted from a thread whose own context loader is another one, as the shared session timer's may be.
        Thread submitter = new Thread(() -> executor.execute(() -> {
            seen.set(Thread.currentThread().getContextClassLoader());
            ran.countDown();
        }));
        submitter.setContextClassLoader(new URLClassLoader(new URL[0], null));
        submitter.start();
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertSame(application, seen.get());
    }

    private static void awaitIdle(ThreadPoolExecutor pool) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        LinkedTransferQueue<Runnable> queue = (LinkedTransferQueue<Runnable>) pool.getQueue();
        while (!queue.hasWaitingConsumer() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }
}
