package dev.gannet.bench.load;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Drives one connection: a writer thread keeps up to {@code inFlight} messages outstanding,
 * writing as many frames per syscall as the window allows; a reader thread checks every echo
 * byte for byte and in order, and records its round-trip time.
 */
final class ConnectionDriver {

    private final RawWebSocket socket;
    private final MessageTemplate template;
    private final Scenario scenario;
    private final Semaphore window;
    private final AtomicLongArray sendNanos;
    private final int ringMask;
    private final Histogram histogram = new Histogram();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong receivedBytes = new AtomicLong();
    private final ErrorLog errors;
    private final Deflate deflate;
    private volatile boolean running = true;
    private volatile boolean recording;
    private volatile boolean closing;
    private Thread writer;
    private Thread reader;

    ConnectionDriver(RawWebSocket socket, Scenario scenario, long seed, ErrorLog errors) {
        this.socket = socket;
        this.scenario = scenario;
        this.template = new MessageTemplate(scenario.size(), scenario.binary(), seed);
        this.window = new Semaphore(scenario.inFlight());
        int ring = Integer.highestOneBit(Math.max(2, scenario.inFlight()) * 2 - 1) << 1;
        this.sendNanos = new AtomicLongArray(ring);
        this.ringMask = ring - 1;
        this.errors = errors;
        this.deflate = socket.deflateNegotiated() ? new Deflate(socket.serverNoContextTakeover()) : null;
    }

    void start(int index) {
        writer = new Thread(this::writeLoop, "loadgen-writer-" + index);
        reader = new Thread(this::readLoop, "loadgen-reader-" + index);
        writer.setDaemon(true);
        reader.setDaemon(true);
        reader.start();
        writer.start();
    }

    void recording(boolean on) {
        recording = on;
    }

    long received() {
        return received.get();
    }

    long receivedBytes() {
        return receivedBytes.get();
    }

    Histogram histogram() {
        return histogram;
    }

    /**
     * Stops sending. A run stops every connection this way before draining any: a connection
     * drained while the others still send competes with all of them for the server, and a
     * hundred such drains one after another took most of a minute.
     */
    void stopSending() {
        running = false;
    }

    /** Stops sending, waits for the outstanding echoes (bounded), then closes the connection. */
    void stop() throws InterruptedException {
        stopSending();
        writer.join(10_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.get() < sent.get() && System.nanoTime() < deadline && reader.isAlive()) {
            Thread.sleep(1);
        }
        if (received.get() < sent.get()) {
            errors.add("connection lost " + (sent.get() - received.get()) + " echoes");
        }
        closing = true;
        socket.close();
        reader.join(10_000);
        if (deflate != null) {
            deflate.release();
        }
    }

    /** Releases the connection if {@link #stop} did not run (a failed run). */
    void stopQuietly() {
        if (!closing) {
            closing = true;
            running = false;
            socket.abort();
        }
    }

    private void writeLoop() {
        byte[] plainFrame = deflate == null ? ClientFrames.frame(template.payloadFor(0), template.size(),
                template.binary(), false) : null;
        int payloadOffset = plainFrame == null ? 0 : ClientFrames.payloadOffset(plainFrame);
        byte[] scratch = new byte[MessageTemplate.SEQ_BYTES];
        byte[] batch = plainFrame == null ? null : new byte[plainFrame.length * scenario.inFlight()];
        long seq = 0;
        try {
            while (running) {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int permits = 1 + window.drainPermits();
                if (plainFrame != null) {
                    int length = 0;
                    for (int i = 0; i < permits; i++, seq++) {
                        ClientFrames.patchSeq(plainFrame, payloadOffset, template, seq, scratch);
                        System.arraycopy(plainFrame, 0, batch, length, plainFrame.length);
                        length += plainFrame.length;
                        sendNanos.set((int) (seq & ringMask), System.nanoTime());
                    }
                    sent.set(seq);
                    socket.writeFrames(batch, length);
                } else {
                    for (int i = 0; i < permits; i++, seq++) {
                        byte[] compressed = deflate.compress(template.payloadFor(seq));
                        byte[] frame = ClientFrames.frame(compressed, compressed.length, template.binary(), true);
                        sendNanos.set((int) (seq & ringMask), System.nanoTime());
                        sent.set(seq + 1);
                        socket.writeFrames(frame, frame.length);
                    }
                }
            }
        } catch (IOException e) {
            if (!closing) {
                errors.add("write failed: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        long expected = 0;
        try {
            while (!closing) {
                socket.readMessage();
                long now = System.nanoTime();
                byte[] data = socket.message();
                int length = socket.messageLength();
                if (socket.messageCompressed()) {
                    deflate.decompress(data, length);
                    data = deflate.out();
                    length = deflate.outLength();
                }
                if (socket.messageText() == template.binary() || !template.matches(data, length, expected)) {
                    errors.add("echo " + expected + " differs from what was sent (" + length + " bytes, "
                            + (socket.messageText() ? "text" : "binary") + ")");
                    return;
                }
                if (recording) {
                    histogram.recordMicros((now - sendNanos.get((int) (expected & ringMask))) / 1000);
                }
                expected++;
                receivedBytes.addAndGet(length);
                received.incrementAndGet();
                window.release();
            }
        } catch (IOException e) {
            if (!closing) {
                errors.add("read failed after " + expected + " echoes: " + e.getMessage());
            }
        }
    }
}
