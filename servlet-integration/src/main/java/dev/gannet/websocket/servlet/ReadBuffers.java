package dev.gannet.websocket.servlet;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The read buffers of one application's connections. A connection holds a buffer only while it
 * reads and delivers, so idle connections (most of them, on a busy server) own none.
 *
 * <p>Up to one free buffer per slot is kept, so a busy server reuses as many buffers as readers
 * ran at once instead of allocating one per burst, and a server that was never busy keeps few;
 * buffers beyond the slots are left to the garbage collector. The slots are claimed with
 * {@code getAndSet}/{@code compareAndSet}: taking and giving back allocate nothing and take no
 * lock, and they happen once per burst of reads, not per frame (a reader keeps its buffer while
 * the engine keeps demanding).
 */
final class ReadBuffers {

    private final int bufferSize;
    private final AtomicReferenceArray<ByteBuffer> free;

    ReadBuffers(int bufferSize, int keep) {
        this.bufferSize = bufferSize;
        this.free = new AtomicReferenceArray<>(keep);
    }

    int bufferSize() {
        return bufferSize;
    }

    /** A buffer with a backing array, position 0, limit = capacity. */
    ByteBuffer take() {
        int start = probe();
        int n = free.length();
        for (int i = 0; i < n; i++) {
            int slot = (start + i) % n;
            // Read before writing: an empty pool is scanned without contending for cache lines.
            if (free.get(slot) != null) {
                ByteBuffer b = free.getAndSet(slot, null);
                if (b != null) {
                    return b.clear();
                }
            }
        }
        return ByteBuffer.allocate(bufferSize);
    }

    /** Hands a buffer back; the caller must not touch it any more. */
    void give(ByteBuffer buffer) {
        int start = probe();
        int n = free.length();
        for (int i = 0; i < n; i++) {
            int slot = (start + i) % n;
            if (free.get(slot) == null && free.compareAndSet(slot, null, buffer)) {
                return;
            }
        }
        // Every slot is full: more readers ran at once than usually do, drop this one.
    }

    /** Spreads threads over the slots so concurrent readers rarely contend for one. */
    private int probe() {
        return (int) (Thread.currentThread().getId() & 0x7fffffff) % free.length();
    }

    /** How many free buffers are kept (for tests). */
    int freeCount() {
        int c = 0;
        for (int i = 0; i < free.length(); i++) {
            if (free.get(i) != null) {
                c++;
            }
        }
        return c;
    }
}
