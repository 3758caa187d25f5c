package dev.gannet.websocket.tck.report;

/** One test case read from a report: the class it belongs to, its name and how it ended. */
record TestCaseResult(String className, String name, Outcome outcome, String message) {

    String packageName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }
}
