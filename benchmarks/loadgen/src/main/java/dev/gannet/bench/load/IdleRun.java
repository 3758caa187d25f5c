package dev.gannet.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The idle-connection scenario: opens many WebSocket connections that then send nothing, and
 * reads what they cost the server: live heap after a full GC and RSS per connection, the thread
 * count before and after, and the time to open them all.
 */
final class IdleRun {

    /** What one idle run measured. */
    record Result(int connections, double heapBytesPerConnection, double rssBytesPerConnection,
                  long threadsBefore, long threadsAfter, double secondsToOpen, long errors, String firstError) {
    }

    private IdleRun() {
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
                    open.add(RawWebSocket.connect("127.0.0.1", peer.port(), "/echo", false));
                } catch (IOException e) {
                    errors.add("connection " + i + " failed: " + e.getMessage());
                    break;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(500); // let the server settle any per-connection work it defers
            long heap1 = peer.liveHeapBytes();
            long rss1 = peer.rssBytes();
            long threads1 = peer.threads();
            int n = Math.max(1, open.size());
            return new Result(open.size(), (heap1 - heap0) / (double) n, (rss1 - rss0) / (double) n,
                    threads0, threads1, seconds, errors.count(), errors.first());
        } finally {
            for (RawWebSocket socket : open) {
                socket.abort();
            }
        }
    }
}
