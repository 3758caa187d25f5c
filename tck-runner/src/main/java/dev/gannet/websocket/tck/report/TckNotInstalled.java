package dev.gannet.websocket.tck.report;

/**
 * Prints the one line a build shows when the TCK test jar is not in the local Maven repository, so
 * that a skipped TCK is never mistaken for a passed one. Printed on standard output, which Maven's
 * {@code -q} does not silence.
 *
 * <p>Usage: {@code TckNotInstalled <tck version> <expected jar path>}.
 */
public final class TckNotInstalled {

    private TckNotInstalled() {
    }

    public static void main(String[] args) {
        System.out.println("[tck] Jakarta WebSocket TCK " + args[0] + " is not installed (no " + args[1]
                + "): TCK run skipped. Install it with: tck-runner/tck install <zip path or URL>");
    }
}
