package dev.gannet.bench.echo;

import jakarta.websocket.WebSocketContainer;

/**
 * What every peer's launcher shares: the command line ({@code --port N}), the container
 * defaults applied identically everywhere, and the ready line the benchmark runner waits for.
 */
public final class PeerSupport {

    /**
     * Message buffer size set as the container default on every peer: room for the largest
     * scenario (64 KiB) and its headers, small enough that providers which preallocate it per
     * session are not punished in the idle-connection scenario more than needed.
     */
    public static final int MESSAGE_BUFFER_BYTES = 80 * 1024;

    /** Idle timeout on every peer: long enough that idle scenarios never hit it. */
    public static final long IDLE_TIMEOUT_MILLIS = 10 * 60_000L;

    private PeerSupport() {
    }

    /** Applies the shared defaults. */
    public static void configure(WebSocketContainer container) {
        container.setDefaultMaxTextMessageBufferSize(MESSAGE_BUFFER_BYTES);
        container.setDefaultMaxBinaryMessageBufferSize(MESSAGE_BUFFER_BYTES);
        container.setDefaultMaxSessionIdleTimeout(IDLE_TIMEOUT_MILLIS);
    }

    /** The port from {@code --port N}; 8080 when absent. */
    public static int port(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--port")) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return 8080;
    }

    /** Tells the runner (which reads stdout) that the server accepts connections. */
    public static void ready(String peer, int port) {
        System.out.println("READY " + peer + " ws://127.0.0.1:" + port + "/echo");
        System.out.flush();
    }
}
