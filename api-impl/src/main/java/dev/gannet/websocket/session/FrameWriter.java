package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.FrameHeaders;
import dev.gannet.websocket.protocol.Masking;
import dev.gannet.websocket.protocol.MessageDeflater;
import dev.gannet.websocket.protocol.OpCode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a batch of queued frames into the buffers of one gathering write: headers go into one
 * reused buffer; server payloads are passed as they are (no copy), client payloads are copied
 * once into reused scratch memory and masked with a fresh key per frame; data frames are
 * compressed first when permessage-deflate was negotiated (RSV1 on a message's first frame).
 * Used by one writer at a time only.
 */
final class FrameWriter implements AutoCloseable {

    static final int MAX_HEADER = 14;
    private static final ByteBuffer[] NO_BUFFERS = new ByteBuffer[0];
    private static final int RSV1 = 0b100;

    private final boolean masked;
    private final MessageDeflater deflater;
    private final int maxFrames;
    /**
     * One fixed view per frame slot of a batch, over one array: a header costs no allocation.
     * Created on the first write and grown to the largest batch seen (an idle session holds none;
     * most sessions never batch more than a few frames).
     */
    private ByteBuffer[] headerSlots = NO_BUFFERS;
    /**
     * The gathering arrays, one per batch size, reused: the transport is done with them by the
     * next prepare. Created on the first write.
     */
    private ByteBuffer[][] arrays;
    /** Only a client (masked copies) or a compressing session produces payload bytes itself. */
    private final ScratchArena arena;
    private ByteBuffer[] lastOut;
    private boolean closed;

    FrameWriter(boolean masked, MessageDeflater deflater, int maxFrames) {
        this.masked = masked;
        this.deflater = deflater;
        this.maxFrames = maxFrames;
        this.arena = masked || deflater != null ? new ScratchArena() : null;
    }

    /**
     * Makes sure there are at least {@code n} header slots. Replacing the slots is safe here: the
     * views of the previous write are no longer in use when the next one is prepared.
     */
    private void ensureSlots(int n) {
        if (n <= headerSlots.length) {
            return;
        }
        int count = Math.max(n, Math.min(maxFrames, Math.max(4, headerSlots.length * 2)));
        ByteBuffer headers = ByteBuffer.allocate(count * MAX_HEADER);
        ByteBuffer[] slots = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            slots[i] = headers.slice(i * MAX_HEADER, MAX_HEADER);
        }
        headerSlots = slots;
    }

    /** Header slots currently allocated (tests: an idle session holds none). */
    int headerSlotCount() {
        return headerSlots.length;
    }

    /**
     * The buffers of one gathering write for {@code frames}. The returned array and header views
     * are reused by the next call, which the queue makes only after this write completed.
     */
    ByteBuffer[] prepare(List<OutFrame> frames) {
        if (arena != null) {
            arena.rewind();
        }
        int n = frames.size();
        ensureSlots(n);
        if (arrays == null) {
            arrays = new ByteBuffer[maxFrames + 1][];
        }
        ByteBuffer[] out = arrays[n];
        if (out == null) {
            out = new ByteBuffer[n * 2];
            arrays[n] = out;
        }
        lastOut = out;
        int i = 0;
        for (OutFrame f : frames) {
            ByteBuffer payload = f.payload;
            int rsv = 0;
            boolean emptyWhole = f.fin && f.opcode != OpCode.CONTINUATION && !payload.hasRemaining();
            // An empty whole message goes uncompressed (RSV1 is per message): compressing it could
            // only add a byte.
            if (deflater != null && f.isData() && !emptyWhole) {
                arena.begin();
                deflater.deflate(payload.duplicate(), f.fin, arena::append);
                payload = arena.end();
                if (f.opcode != OpCode.CONTINUATION) {
                    rsv = RSV1;
                }
            }
            int len = payload.remaining();
            int key = 0;
            if (masked) {
                key = Masking.newMaskKey();
                ByteBuffer copy = arena.take(len);
                copy.put(payload.duplicate()).flip();
                Masking.mask(copy, 0, len, key, 0);
                payload = copy;
            }
            ByteBuffer header = headerSlots[i / 2].clear();
            FrameHeaders.write(header, f.fin, rsv, f.opcode, len, masked, key);
            out[i++] = header.flip();
            out[i++] = payload;
        }
        return out;
    }

    /** Drops the last write's payload references (so an idle session does not retain them). */
    void forgetLastWrite() {
        if (lastOut != null) {
            Arrays.fill(lastOut, null);
            lastOut = null;
        }
    }

    @Override
    public synchronized void close() {
        if (deflater != null && !closed) {
            closed = true;
            deflater.close();
        }
    }
}
