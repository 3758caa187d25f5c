package dev.gannet.websocket.session;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the engine's own threads (timers, pools, selectors) so that none pins a web
 * application: daemon threads whose context class loader is the engine's (never that of the
 * request or application thread that happened to start them) and which do not inherit the
 * creating caller's access control context. Used by the session, server and client packages.
 */
public final class EngineThreads {

    private EngineThreads() {
    }

    /** A factory naming its threads {@code prefix} followed by 1, 2, 3... */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> newThread(r, prefix + count.incrementAndGet());
    }

    /** One daemon thread (not started) as described above. */
    @SuppressWarnings("removal") // AccessController: still the way to drop the caller's context on Java 17
    public static Thread newThread(Runnable task, String name) {
        ClassLoader engine = EngineThreads.class.getClassLoader();
        return AccessController.doPrivileged((PrivilegedAction<Thread>) () -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.setContextClassLoader(engine);
            return t;
        });
    }
}
