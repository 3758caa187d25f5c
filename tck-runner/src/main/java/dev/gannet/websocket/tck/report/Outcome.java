package dev.gannet.websocket.tck.report;

/** How one test case ended, as the surefire/failsafe XML report records it. */
enum Outcome {
    PASSED, FAILED, ERRORED, SKIPPED
}
