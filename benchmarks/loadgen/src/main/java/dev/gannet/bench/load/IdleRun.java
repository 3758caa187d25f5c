package dev.gannet.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The idle-connection scenario: opens many WebSocket connections that then send nothing, and
 * reads what they cost the server: live heap after a full GC, memory outside the Java heap (the
 * change in RSS; the peers run with a fixed, pre-touched heap, so heap growth does not show
 * there), the thread count before and after, and the time to open them all.
 */
final class IdleRun {

    /** What one idle run measured; {@code connections} is how many opened before any failure. */
    record Result(int connections, double heapBytesPerConnection, double rssBytesPerConnection,
                  long threadsBefore, long threadsAfter, double secondsToOpen, long errors, String firstError) {

        /** Live heap plus memory outside the heap: what one connection costs the server's process. */
        double totalBytesPerConnection() {
            return heapBytesPerConnection + rssBytesPerConnection;
        }
    }

    /** Idle sockets read nothing after the handshake; a small buffer keeps the generator light. */
    private static final int READ_BUFFER = 4096;
    /** A server that has not answered a handshake in this time is stuck (or out of memory). */
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private IdleRun() {
    }

    /** The server died while connections were opening or being measured (an out-of-memory exit). */
    private static Result died(PeerProcess peer, int opened, long threads0, double seconds, ErrorLog errors) {
        String why = "the server process exited after " + opened + " connections (see " + peer.log() + ")";
        return new Result(opened, Double.NaN, Double.NaN, threads0, -1, seconds, errors.count() + 1,
                errors.first() == null ? why : errors.first() + "; " + why);
    }

    static Result run(PeerProcess peer, int connections) throws IOException, InterruptedException {
        long heap0 = peer.liveHeapBytes();
        long rss0 = peer.rssBytes();
        long threads0 = peer.threads();
        List<RawWebSocket> open = new ArrayList<>(connections);
        ErrorLog errors = new ErrorLog();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < connections; i++) {
                try {
                    open.add(RawWebSocket.connect("127.0.0.1", peer.port(), "/echo", false, READ_BUFFER,
                            HANDSHAKE_TIMEOUT_MILLIS));
                } catch (IOException e) {
                    errors.add("connection " + i + " failed: " + e.getMessage());
                    break;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            try {
                Thread.sleep(500); // let the server settle any per-connection work it defers
                long heap1 = peer.liveHeapBytes();
                long rss1 = peer.rssBytes();
                long threads1 = peer.threads();
                int n = Math.max(1, open.size());
                return new Result(open.size(), (heap1 - heap0) / (double) n, (rss1 - rss0) / (double) n,
                        threads0, threads1, seconds, errors.count(), errors.first());
            } catch (IOException e) {
                if (!peer.exitsWithin(2_000)) {
                    throw e;
                }
                return died(peer, open.size(), threads0, seconds, errors);
            }
        } finally {
            for (RawWebSocket socket : open) {
                socket.abort();
            }
        }
    }
}
