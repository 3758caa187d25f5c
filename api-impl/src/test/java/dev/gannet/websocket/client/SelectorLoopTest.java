package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A selector loop's thread exists only while it has channels or tasks, and comes back on demand. */
@Timeout(60)
class SelectorLoopTest {

    private static boolean eventually(java.util.function.BooleanSupplier c, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Test
    void threadRunsWhileAChannelIsRegisteredAndEndsAfterTheLinger() throws Exception {
        SelectorLoop loop = new SelectorLoop("test-selector", 100);
        assertFalse(loop.isRunning(), "no thread before the first task");
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicReference<SelectionKey> key = new AtomicReference<>();
        CountDownLatch registered = new CountDownLatch(1);
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.configureBlocking(false);
            loop.execute(() -> {
                ranOn.set(Thread.currentThread());
                try {
                    key.set(channel.register(loop.selector(), 0, null));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                registered.countDown();
            });
            assertTrue(registered.await(10, TimeUnit.SECONDS));
            assertEquals("test-selector", ranOn.get().getName());
            assertSame(SelectorLoop.class.getClassLoader(), ranOn.get().getContextClassLoader());
            Thread.sleep(300); // three lingers: a registered channel keeps the thread
            assertTrue(loop.isRunning() && ranOn.get().isAlive());
            loop.execute(() -> key.get().cancel());
            assertTrue(eventually(() -> !loop.isRunning() && !ranOn.get().isAlive(), 10_000),
                    "the thread ends once no channel is registered");
        }
        CountDownLatch again = new CountDownLatch(1);
        loop.execute(again::countDown);
        assertTrue(again.await(10, TimeUnit.SECONDS), "the next task starts a new thread");
        assertTrue(eventually(() -> !loop.isRunning(), 10_000));
    }

    @Test
    void theSelectorIsClosedWhenTheThreadEndsAndReopenedWithTheNextTask() throws Exception {
        SelectorLoop loop = new SelectorLoop("test-selector-fd", 50);
        long fdsBefore = openFiles();
        AtomicReference<java.nio.channels.Selector> first = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(() -> {
            first.set(loop.selector());
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertTrue(first.get().isOpen(), "open while the loop runs");
        assertTrue(eventually(() -> !loop.isRunning() && !first.get().isOpen(), 10_000),
                "the selector closes with its thread");
        assertEquals(null, loop.selector());
        assertTrue(openFiles() <= fdsBefore, "no selector descriptor left: " + fdsBefore + " -> " + openFiles());
        AtomicReference<java.nio.channels.Selector> second = new AtomicReference<>();
        CountDownLatch again = new CountDownLatch(1);
        loop.execute(() -> {
            second.set(loop.selector());
            again.countDown();
        });
        assertTrue(again.await(10, TimeUnit.SECONDS));
        assertTrue(second.get().isOpen() && second.get() != first.get(), "a fresh selector for the new thread");
        assertTrue(eventually(() -> !second.get().isOpen(), 10_000));
    }

    /** Open file descriptors of this process (Linux); 0 where /proc is absent. */
    static long openFiles() throws java.io.IOException {
        java.nio.file.Path fd = java.nio.file.Path.of("/proc/self/fd");
        if (!java.nio.file.Files.isDirectory(fd)) {
            return 0;
        }
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(fd)) {
            return s.count();
        }
    }
}
