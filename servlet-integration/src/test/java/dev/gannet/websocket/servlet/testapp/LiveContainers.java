package dev.gannet.websocket.servlet.testapp;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Weakly remembers every WebSocket container an endpoint of the test application has seen, so a
 * test can tell whether undeployed applications are still reachable. Loaded by the test's own
 * class loader (the web application delegates to it), so one list spans all deployments.
 */
public final class LiveContainers {

    private static final List<WeakReference<Object>> SEEN = new CopyOnWriteArrayList<>();

    private LiveContainers() {
    }

    static void saw(Object container) {
        for (WeakReference<Object> r : SEEN) {
            if (r.get() == container) {
                return;
            }
        }
        SEEN.add(new WeakReference<>(container));
    }

    /** How many distinct containers were seen. */
    public static int seen() {
        return SEEN.size();
    }

    /** How many of them are still reachable (call after a GC). */
    public static int live() {
        int n = 0;
        for (WeakReference<Object> r : SEEN) {
            if (r.get() != null) {
                n++;
            }
        }
        return n;
    }

    public static void clear() {
        SEEN.clear();
    }
}
