package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.servlet.testapp.LiveContainers;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Undeploy closes open WebSockets with 1001 and leaves no Gannet thread behind, over 50
 * deploy/undeploy cycles in one JVM, on Jetty and on Tomcat: threads, the session timer and the
 * heap after GC must not grow with the cycles.
 */
class LifecycleTest {

    private static final int CYCLES = 50;
    /** Cycles after which the containers' own caches have settled; heap growth is measured from there. */
    private static final int WARM_UP = 10;
    /**
     * Allowed heap growth over the cycles after warm-up: a coarse guard against anything large.
     * The precise leak check is that every cycle's WebSocket container becomes unreachable
     * ({@link LiveContainers}); a Gannet container retained per cycle costs only about 27 KiB,
     * too little to tell from noise by heap size alone. Jetty itself grows about 9 KiB per cycle
     * here: it retains the WebAppClassLoader of every start of a restarted WebAppContext (seen
     * without Gannet too: 51 loaders live after 50 stop/start cycles on 12.1.12).
     */
    private static final long HEAP_TOLERANCE = 2L << 20;

    @Test
    void jetty() throws Exception {
        cycles(EmbeddedContainer.KINDS.get(0));
    }

    @Test
    void tomcat() throws Exception {
        cycles(EmbeddedContainer.KINDS.get(1));
    }

    private static void cycles(EmbeddedContainer.Kind kind) throws Exception {
        LiveContainers.clear();
        EmbeddedContainer c = kind.start(EmbeddedContainer.WebApp.discovered("/life", Map.of()));
        try {
            int threadsAfterFirstCycle = -1;
            long heapAfterWarmUp = 0;
            StringBuilder heapLog = new StringBuilder();
            for (int i = 0; i < CYCLES; i++) {
                if (i > 0) {
                    c.redeploy();
                }
                String head = RawHandshake.send(c, "/echo", RawHandshake.headers(RawHandshake.GOOD_KEY, "13", ""));
                assertEquals(101, RawHandshake.status(head), c + " cycle " + i + ": " + head);
                WsClient client = WsClient.connect(c.ws("/echo"));
                client.socket.sendText("cycle " + i, true).get(5, TimeUnit.SECONDS);
                assertEquals("cycle " + i, client.nextText());

                c.undeploy();
                WsClient.Close close = client.awaitClose();
                assertEquals(1001, close.code(), c + " cycle " + i + ": " + close);
                assertTrue(awaitNoGannetThreads(), c + " cycle " + i + " left threads: " + gannetThreads());
                if (i % 10 == 9) {
                    long heap = usedHeapAfterGc();
                    heapLog.append(' ').append(heap >> 10);
                    if (i == WARM_UP - 1) {
                        heapAfterWarmUp = heap;
                    }
                }
                if (i == 1) {
                    threadsAfterFirstCycle = Thread.activeCount();
                } else if (i > 1) {
                    // Container pools may settle a little; Gannet must not add per cycle.
                    assertTrue(Thread.activeCount() <= threadsAfterFirstCycle + 4,
                            c + " threads grew from " + threadsAfterFirstCycle + " to " + Thread.activeCount());
                }
            }
            long heapAtEnd = usedHeapAfterGc();
            System.out.printf("%s: %d cycles, threads %d -> %d, session timer threads %d, used heap after GC"
                    + " every 10 cycles (KiB):%s%n", c, CYCLES, threadsAfterFirstCycle, Thread.activeCount(),
                    timerThreads(), heapLog);
            assertTrue(heapAtEnd - heapAfterWarmUp < HEAP_TOLERANCE, c + " heap after GC grew from "
                    + (heapAfterWarmUp >> 10) + " KiB to " + (heapAtEnd >> 10) + " KiB over the last "
                    + (CYCLES - WARM_UP) + " cycles");
            assertTrue(timerThreads() <= 1, c + " session timer threads: " + timerThreads());
            // The precise check: every undeployed application's WebSocket container must be collectable.
            assertEquals(CYCLES, LiveContainers.seen(), c + " endpoints saw a container per cycle");
            assertEquals(0, awaitNoLiveContainers(), c + " undeployed applications still reachable");
        } finally {
            c.close();
        }
    }

    /** The least of a few readings after GC: one reading can catch garbage made between GC and read. */
    private static long usedHeapAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            least = Math.min(least, r.totalMemory() - r.freeMemory());
        }
        return least;
    }

    private static int awaitNoLiveContainers() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int live;
        do {
            System.gc();
            Thread.sleep(50);
            live = LiveContainers.live();
        } while (live > 0 && System.nanoTime() < deadline);
        return live;
    }

    /** The session timer is one per JVM; a second one would mean a copy per application. */
    private static long timerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("gannet-session-timer")).count();
    }

    private static boolean awaitNoGannetThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (gannetThreads().isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static String gannetThreads() {
        StringBuilder names = new StringBuilder();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            // The session timer is one per JVM, shared by all containers; everything else is per application.
            if (t.getName().startsWith("gannet-") && !t.getName().equals("gannet-session-timer")) {
                names.append(t.getName()).append(' ');
            }
        }
        return names.toString();
    }
}
