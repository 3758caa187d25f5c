package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The timer thread lives only while timer tasks are pending, carries the engine's class loader,
 * and is gone once every session closed: nothing pins a web application's class loader.
 */
@Timeout(120)
class SessionSchedulerTest {

    /** Polls {@code condition} until true or the bound passes (the bound only limits a failure). */
    private static boolean eventually(BooleanSupplier condition, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Test
    void threadStartsWithWorkEndsAfterTheLingerAndComesBack() throws Exception {
        LingeringScheduler scheduler = new LingeringScheduler("test-timer", 100);
        assertFalse(scheduler.hasThread(), "no thread before the first task");
        ScheduledFuture<?> far = scheduler.schedule(() -> { }, 1, TimeUnit.HOURS);
        assertTrue(scheduler.hasThread());
        Thread.sleep(300); // longer than the linger: a pending task keeps the thread
        assertTrue(scheduler.hasThread(), "a pending task keeps the thread beyond the linger");
        far.cancel(false);
        assertEquals(0, scheduler.pendingTasks(), "cancelled tasks leave the queue at once");
        assertTrue(eventually(() -> !scheduler.hasThread(), 10_000), "the thread ends once nothing is pending");

        CountDownLatch ran = new CountDownLatch(1);
        scheduler.schedule(ran::countDown, 1, TimeUnit.MILLISECONDS);
        assertTrue(ran.await(10, TimeUnit.SECONDS), "a later task gets a new thread");
        assertTrue(eventually(() -> !scheduler.hasThread(), 10_000));
    }

    @Test
    void timerThreadCarriesTheEnginesClassLoaderNotTheCallers() throws Exception {
        LingeringScheduler scheduler = new LingeringScheduler("test-timer", 100);
        AtomicReference<ClassLoader> seen = new AtomicReference<>();
        AtomicReference<Boolean> daemon = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        try (URLClassLoader webapp = new URLClassLoader(new URL[0], null)) {
            Thread caller = new Thread(() -> scheduler.schedule(() -> {
                seen.set(Thread.currentThread().getContextClassLoader());
                daemon.set(Thread.currentThread().isDaemon());
                ran.countDown();
            }, 0, TimeUnit.MILLISECONDS));
            caller.setContextClassLoader(webapp); // as a servlet container does for a request thread
            caller.start();
            caller.join(10_000);
            assertTrue(ran.await(10, TimeUnit.SECONDS));
        }
        assertSame(LingeringScheduler.class.getClassLoader(), seen.get());
        assertTrue(daemon.get());
    }

    @Test
    void sharedTimerThreadEndsAfterAllSessionsClosed() throws Exception {
        // Timers left by earlier test classes in this JVM run out first (all are bounded).
        assertTrue(eventually(() -> SessionScheduler.pendingTasks() == 0, 90_000),
                "leftover timers: " + SessionScheduler.pendingTasks());
        Harness a = Harness.server(s -> { }, SessionSettings.defaults().withMaxIdleTimeoutMs(60_000));
        Harness b = Harness.server(s -> { }, SessionSettings.defaults().withMaxIdleTimeoutMs(60_000));
        try {
            assertTrue(SessionScheduler.isThreadRunning(), "idle timers are pending");
            for (Harness h : new Harness[] {a, b}) {
                h.session.close();
                h.peer.next(5000);
                h.peer.sendClose(1000, "");
                assertTrue(h.awaitEnded(5000));
            }
            assertEquals(0, SessionScheduler.pendingTasks(), "closed sessions cancelled their timers");
            assertTrue(eventually(() -> !SessionScheduler.isThreadRunning(), SessionScheduler.LINGER_MS + 10_000),
                    "the timer thread ends after the last session closed");
            assertTrue(eventually(() -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("gannet-session-timer")), 10_000));
        } finally {
            a.shutdown();
            b.shutdown();
        }
    }

    @Test
    void engineThreadsIgnoreTheStartingThreadsContextLoader() throws Exception {
        AtomicReference<Thread> made = new AtomicReference<>();
        try (URLClassLoader webapp = new URLClassLoader(new URL[0], null)) {
            Thread caller = new Thread(() -> made.set(EngineThreads.newThread(() -> { }, "probe")));
            caller.setContextClassLoader(webapp);
            caller.start();
            caller.join(10_000);
        }
        assertSame(EngineThreads.class.getClassLoader(), made.get().getContextClassLoader());
        assertTrue(made.get().isDaemon());
    }

    @Test
    void platformFallbackPoolKeepsNoThreadAlive() throws Exception {
        java.util.concurrent.ThreadPoolExecutor pool = DefaultExecutor.platformPool();
        try {
            assertEquals(0, pool.getCorePoolSize());
            assertTrue(pool.allowsCoreThreadTimeOut());
            assertEquals(DefaultExecutor.KEEP_ALIVE_S, pool.getKeepAliveTime(TimeUnit.SECONDS));
            CountDownLatch ran = new CountDownLatch(1);
            AtomicReference<Thread> worker = new AtomicReference<>();
            pool.execute(() -> {
                worker.set(Thread.currentThread());
                ran.countDown();
            });
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertTrue(worker.get().isDaemon());
            assertSame(EngineThreads.class.getClassLoader(), worker.get().getContextClassLoader());
        } finally {
            pool.shutdown();
        }
    }
}
