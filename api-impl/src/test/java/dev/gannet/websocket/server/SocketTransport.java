package dev.gannet.websocket.server;

import dev.gannet.websocket.transport.Transport;
import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test helper: a {@link Transport} over a blocking {@link SocketChannel}, with one reader thread
 * (one delivery per demand) and one writer thread, so that the server container can be driven
 * by a real, independent WebSocket client over TCP without any HTTP server.
 */
final class SocketTransport implements Transport {

    private final SocketChannel channel;
    private final ByteBuffer leftover;
    private final Semaphore demands = new Semaphore(0);
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> daemon(r, "test-socket-writer"));
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile TransportListener listener;

    /** {@code leftover}: bytes read after the HTTP request head, delivered first. */
    SocketTransport(SocketChannel channel, ByteBuffer leftover) {
        this.channel = channel;
        this.leftover = leftover;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void setListener(TransportListener listener) {
        this.listener = listener;
        daemon(this::readLoop, "test-socket-reader").start();
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            if (leftover.hasRemaining()) {
                demands.acquire();
                listener.onData(leftover);
            }
            while (!closed.get()) {
                demands.acquire();
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    listener.onEndOfStream();
                    return;
                }
                buffer.flip();
                if (closed.get()) {
                    return;
                }
                listener.onData(buffer);
            }
        } catch (IOException e) {
            if (!closed.get()) {
                listener.onError(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void demand() {
        demands.release();
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        writer.execute(() -> {
            try {
                for (ByteBuffer b : buffers) {
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                }
                callback.completed();
            } catch (IOException e) {
                callback.failed(e);
            }
        });
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            writer.execute(this::closeChannel); // after the pending write
            writer.shutdown();
        }
    }

    @Override
    public void abort() {
        if (closed.compareAndSet(false, true)) {
            closeChannel();
            writer.shutdownNow();
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        try {
            return (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public boolean isSecure() {
        return false;
    }
}
