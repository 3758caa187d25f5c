package dev.gannet.websocket.servlet;

import dev.gannet.websocket.server.ConfigKeys;
import java.util.function.Function;

/**
 * The settings only the servlet integration uses, read from servlet context init parameters
 * (the engine's own limits live in {@code ServerSettings}, keys in {@code ConfigKeys}).
 *
 * @param readBufferSize bytes of a read buffer (the largest slice of input handed to the engine at
 *     once); a connection borrows one from {@link ReadBuffers} only while it reads
 * @param writeChunkSize largest slice handed to the container per {@code isReady()} answer
 * @param deliveryThreads size of the delivery pool when the JDK has no virtual threads
 * @param readArming which threads may read (see {@link ReadArming})
 */
record ServletSettings(int readBufferSize, int writeChunkSize, int deliveryThreads, ReadArming readArming) {

    static final String READ_BUFFER_SIZE = ConfigKeys.PREFIX + "readBufferSize";
    static final String WRITE_CHUNK_SIZE = ConfigKeys.PREFIX + "writeChunkSize";
    static final String DELIVERY_THREADS = ConfigKeys.PREFIX + "deliveryThreads";
    static final String READ_ARMING = ConfigKeys.PREFIX + "readArming";

    static final int DEFAULT_READ_BUFFER_SIZE = 16 * 1024;
    static final int DEFAULT_WRITE_CHUNK_SIZE = 64 * 1024;
    static final int DEFAULT_DELIVERY_THREADS = 1000; // started on demand, expire when idle; see docs/servlet-containers.md

    static ServletSettings from(Function<String, String> lookup, String serverInfo) {
        return new ServletSettings(
                positive(lookup, READ_BUFFER_SIZE, DEFAULT_READ_BUFFER_SIZE),
                positive(lookup, WRITE_CHUNK_SIZE, DEFAULT_WRITE_CHUNK_SIZE),
                positive(lookup, DELIVERY_THREADS, DEFAULT_DELIVERY_THREADS),
                ReadArming.choose(lookup.apply(READ_ARMING), serverInfo));
    }

    private static int positive(Function<String, String> lookup, String key, int defaultValue) {
        String v = lookup.apply(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a positive whole number, not \"" + v + "\"");
    }
}
