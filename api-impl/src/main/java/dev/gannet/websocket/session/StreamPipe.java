package dev.gannet.websocket.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded byte pipe from the inbound thread (writer) to a streaming message handler running on
 * another thread (reader, through {@link #inputStream()}). The writer blocks while the pipe is
 * full, so memory stays bounded by the capacity whatever the message size. When the reader gives
 * up (its handler returned), further bytes are discarded; when the session fails, the reader gets
 * an {@link IOException}.
 */
final class StreamPipe {

    private final byte[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    private int count;
    private boolean writeClosed;
    private boolean readerGone;
    private IOException failure;
    private final InputStream in = new PipeInputStream();

    StreamPipe(int capacity) {
        this.ring = new byte[capacity];
    }

    InputStream inputStream() {
        return in;
    }

    /** Copies all of {@code chunk} into the pipe, waiting for room; discards it if the reader is gone. */
    void write(ByteBuffer chunk) throws InterruptedException {
        lock.lock();
        try {
            while (chunk.hasRemaining()) {
                if (readerGone || failure != null) {
                    chunk.position(chunk.limit());
                    return;
                }
                if (count == ring.length) {
                    notFull.await();
                    continue;
                }
                int tail = (head + count) % ring.length;
                int n = Math.min(chunk.remaining(), Math.min(ring.length - count, ring.length - tail));
                chunk.get(ring, tail, n);
                count += n;
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** End of message: the reader sees end-of-stream once it has read everything. */
    void closeWrite() {
        lock.lock();
        try {
            writeClosed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The session ended mid-message: the reader's next read throws. */
    void fail(IOException reason) {
        lock.lock();
        try {
            if (failure == null && !writeClosed) {
                failure = reason;
            }
            writeClosed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The handler returned: discard what it did not read and anything still to come. */
    void readerDone() {
        lock.lock();
        try {
            readerGone = true;
            count = 0;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private final class PipeInputStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            lock.lock();
            try {
                while (count == 0) {
                    if (failure != null) {
                        throw new IOException(failure.getMessage(), failure);
                    }
                    if (writeClosed || readerGone) {
                        return -1;
                    }
                    notEmpty.await();
                }
                int n = Math.min(len, Math.min(count, ring.length - head));
                System.arraycopy(ring, head, b, off, n);
                head = (head + n) % ring.length;
                count -= n;
                notFull.signal();
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while reading a message");
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            readerDone();
        }
    }
}
