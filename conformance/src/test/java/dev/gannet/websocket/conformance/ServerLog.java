package dev.gannet.websocket.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends java.util.logging (the default backend of {@link System.Logger}, which Gannet logs
 * through) to a file for the duration of the run. The fuzzer provokes hundreds of expected
 * errors (sends on sessions it has just closed, protocol violations); they belong next to the
 * reports, where a human can read them, not in the build's console.
 */
final class ServerLog {

    private ServerLog() {
    }

    /** Replaces the root logger's handlers with one writing to {@code file}. */
    static void redirectTo(Path file) throws IOException {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        FileHandler handler = new FileHandler(file.toAbsolutePath().toString(), false);
        handler.setFormatter(new SimpleFormatter());
        root.addHandler(handler);
    }
}
