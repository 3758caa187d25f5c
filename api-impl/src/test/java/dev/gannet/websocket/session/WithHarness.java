package dev.gannet.websocket.session;

import org.junit.jupiter.api.AfterEach;

/** A test class whose cases each connect one {@link Harness}, shut down after the case. */
abstract class WithHarness {

    /** The pair the current case connected, if any. */
    Harness h;

    @AfterEach
    void shutDownHarness() {
        if (h != null) {
            h.shutdown();
        }
    }
}
