package dev.gannet.websocket.client;

import dev.gannet.websocket.session.EngineThreads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every client container of this JVM shares: a small fixed set of selector loops
 * (I/O, never blocking) and an elastic pool of daemon workers for deliveries to the engine and
 * for completions, which may block. Sharing them means that creating many containers, or
 * connecting and closing many times, never adds threads beyond what is busy at once; idle
 * workers retire after a minute and a selector loop's thread ends, closing its selector, a few
 * seconds after its last connection closed (both come back with the next). The number of selector threads is min(2, CPUs) unless the
 * system property {@value #SELECTOR_THREADS_PROPERTY} says otherwise.
 */
final class ClientRuntime {

    /** JVM-wide, so a system property: how many selector threads all client connections share. */
    static final String SELECTOR_THREADS_PROPERTY = "dev.gannet.websocket.client.selectorThreads";
    private static final int SELECTORS = Math.max(1, Integer.getInteger(SELECTOR_THREADS_PROPERTY,
            Math.min(2, Runtime.getRuntime().availableProcessors())));
    private static final ClientRuntime SHARED = new ClientRuntime(SELECTORS);

    private final SelectorLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService workers;

    private ClientRuntime(int selectors) {
        loops = new SelectorLoop[selectors];
        for (int i = 0; i < selectors; i++) {
            loops[i] = new SelectorLoop("gannet-client-selector-" + i);
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), EngineThreads.factory("gannet-client-worker-"));
        workers = pool;
    }

    static ClientRuntime shared() {
        return SHARED;
    }

    SelectorLoop nextLoop() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /** Whether every selector loop has stopped and closed its selector (for tests and diagnostics). */
    boolean idle() {
        for (SelectorLoop l : loops) {
            if (l.isRunning() || l.selector() != null) {
                return false;
            }
        }
        return true;
    }

    ExecutorService workers() {
        return workers;
    }
}
