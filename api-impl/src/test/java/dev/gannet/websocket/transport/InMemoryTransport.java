package dev.gannet.websocket.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Test helper shared by the api-impl streams: one side of a connected pair of in-memory
 * transports with real threading. Bytes written on one side are copied into the other side's
 * inbox and delivered to its listener, one delivery per {@link #demand()}, on that side's own
 * delivery thread (which may block in the listener). A write completes asynchronously on the
 * writer side's completion thread once the peer's inbox holds at most {@code capacity} bytes, so
 * a peer that stops demanding applies back-pressure. {@link #close()} signals end-of-stream to the
 * peer after the pending write; {@link #abort()} at once. Threads are daemons and end when both
 * directions are done.
 *
 * <pre>
 * InMemoryTransport.Pair pair = InMemoryTransport.pair();
 * serverSession = ... transport(pair.server()) ...;  rawClient.attach(pair.client());
 * </pre>
 */
public final class InMemoryTransport implements Transport {

    /** A connected pair; the names are only labels for the two ends. */
    public record Pair(InMemoryTransport client, InMemoryTransport server) {
    }

    /** Default inbox capacity beyond which writes to a side wait for it to read: 256 KiB. */
    public static final int DEFAULT_CAPACITY = 256 * 1024;
    private static final int MAX_DELIVERY = 64 * 1024;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final int capacity;
    private InMemoryTransport peer;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // inbox (bytes written by the peer, to deliver to our listener)
    private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
    private int inboxBytes;
    private boolean inboxEof;
    private boolean demanded;
    private TransportListener listener;
    private Thread deliveryThread;
    // our side
    private volatile boolean closedLocally;
    private volatile boolean aborted;
    private boolean writePending;
    private long bytesWritten;
    private WriteCallback pendingCallback;
    private Thread completionThread;
    private final ByteBuffer delivery = ByteBuffer.allocate(MAX_DELIVERY);

    private InMemoryTransport(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
    }

    /** A connected pair with the default capacity. */
    public static Pair pair() {
        return pair(DEFAULT_CAPACITY);
    }

    /** A connected pair whose inboxes each accept {@code capacity} bytes before writes wait. */
    public static Pair pair(int capacity) {
        int n = COUNTER.incrementAndGet();
        InMemoryTransport c = new InMemoryTransport("mem-client-" + n, capacity);
        InMemoryTransport s = new InMemoryTransport("mem-server-" + n, capacity);
        c.peer = s;
        s.peer = c;
        return new Pair(c, s);
    }

    @Override
    public void setListener(TransportListener listener) {
        lock.lock();
        try {
            if (this.listener != null) {
                throw new IllegalStateException("listener already set");
            }
            this.listener = listener;
            deliveryThread = new Thread(this::deliverLoop, name + "-delivery");
            deliveryThread.setDaemon(true);
            deliveryThread.start();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void demand() {
        lock.lock();
        try {
            demanded = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void deliverLoop() {
        while (true) {
            int kind; // 0 data, 1 eof
            lock.lock();
            try {
                while (!(closedLocally || aborted) && !(demanded && (!inbox.isEmpty() || inboxEof))) {
                    changed.awaitUninterruptibly();
                }
                if (closedLocally || aborted) {
                    return;
                }
                demanded = false;
                if (!inbox.isEmpty()) {
                    delivery.clear();
                    while (!inbox.isEmpty() && delivery.remaining() > 0) {
                        byte[] chunk = inbox.peek();
                        if (chunk.length <= delivery.remaining()) {
                            delivery.put(inbox.poll());
                        } else {
                            int n = delivery.remaining();
                            delivery.put(chunk, 0, n);
                            byte[] rest = new byte[chunk.length - n];
                            System.arraycopy(chunk, n, rest, 0, rest.length);
                            inbox.poll();
                            inbox.addFirst(rest);
                        }
                    }
                    delivery.flip();
                    inboxBytes -= delivery.remaining();
                    kind = 0;
                } else {
                    kind = 1;
                }
            } finally {
                lock.unlock();
            }
            peer.signal();
            if (kind == 0) {
                listener.onData(delivery);
            } else {
                listener.onEndOfStream();
                return;
            }
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        int total = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
        }
        byte[] bytes = new byte[total];
        int off = 0;
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            b.get(bytes, off, n);
            off += n;
        }
        lock.lock();
        try {
            if (writePending) {
                throw new IllegalStateException(name + ": write while a write is pending (Transport contract)");
            }
            if (closedLocally || aborted) {
                completeLater(callback, new IOException(name + " is closed"));
                return;
            }
            writePending = true;
            bytesWritten += total;
        } finally {
            lock.unlock();
        }
        boolean accepted = peer.receive(bytes);
        if (!accepted) {
            finishWrite(callback, new IOException(name + ": the peer has gone"));
            return;
        }
        lock.lock();
        try {
            pendingCallback = callback;
            if (completionThread == null) {
                completionThread = new Thread(this::completionLoop, name + "-write");
                completionThread.setDaemon(true);
                completionThread.start();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Completes writes one at a time, once the peer's inbox is within capacity. */
    private void completionLoop() {
        while (true) {
            WriteCallback callback;
            lock.lock();
            try {
                while (pendingCallback == null && !(closedLocally || aborted)) {
                    changed.awaitUninterruptibly();
                }
                if (pendingCallback == null) {
                    return;
                }
                callback = pendingCallback;
                pendingCallback = null;
            } finally {
                lock.unlock();
            }
            boolean ok = peer.awaitRoom();
            finishWrite(callback, ok ? null : new IOException(name + ": connection closed before the write completed"));
        }
    }

    private void finishWrite(WriteCallback callback, Throwable failure) {
        lock.lock();
        try {
            writePending = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (failure == null) {
            callback.completed();
        } else {
            callback.failed(failure);
        }
    }

    private static void completeLater(WriteCallback callback, Throwable failure) {
        Thread t = new Thread(() -> callback.failed(failure), "mem-write-failed");
        t.setDaemon(true);
        t.start();
    }

    /** Called by the peer: appends to our inbox; false when we are gone. */
    private boolean receive(byte[] bytes) {
        lock.lock();
        try {
            if (aborted || closedLocally || inboxEof) {
                return false;
            }
            if (bytes.length > 0) {
                inbox.add(bytes);
                inboxBytes += bytes.length;
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Called by the peer's write thread: waits until our inbox is within capacity. */
    private boolean awaitRoom() {
        lock.lock();
        try {
            while (inboxBytes > capacity && !aborted && !closedLocally && !peer.aborted && !peer.closedLocally) {
                changed.awaitUninterruptibly();
            }
            return !aborted && !closedLocally;
        } finally {
            lock.unlock();
        }
    }

    private void peerEof() {
        lock.lock();
        try {
            inboxEof = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closedLocally || aborted) {
                return;
            }
            // Wait (bounded) for a pending write so the peer gets its bytes before EOF.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (writePending && System.nanoTime() < deadline) {
                changed.awaitNanos(10_000_000L);
            }
            closedLocally = true;
            changed.signalAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closedLocally = true;
        } finally {
            lock.unlock();
        }
        peer.peerEof();
    }

    @Override
    public void abort() {
        lock.lock();
        try {
            if (aborted) {
                return;
            }
            aborted = true;
            inbox.clear();
            inboxBytes = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        peer.peerEof();
        peer.signal();
    }

    /** Whether {@link #close()} or {@link #abort()} was called on this side. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closedLocally || aborted;
        } finally {
            lock.unlock();
        }
    }

    /** Whether this side was aborted (rather than closed cleanly). */
    public boolean isAborted() {
        lock.lock();
        try {
            return aborted;
        } finally {
            lock.unlock();
        }
    }

    /** Total bytes this side has written. */
    public long bytesWritten() {
        lock.lock();
        try {
            return bytesWritten;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes waiting in this side's inbox (written by the peer, not yet delivered). */
    public int inboxBytes() {
        lock.lock();
        try {
            return inboxBytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return null;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return null;
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public String toString() {
        return name;
    }
}
