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
    private static final int RSV1 = 0b100;

    private final boolean masked;
    private final MessageDeflater deflater;
    /** One fixed view per frame slot of a batch, over one array: a header costs no allocation. */
    private final ByteBuffer[] headerSlots;
    /** The gathering arrays, one per batch size, reused: the transport is done with them by the next prepare. */
    private final ByteBuffer[][] arrays;
    private final ScratchArena arena = new ScratchArena();
    private ByteBuffer[] lastOut;
    private boolean closed;

    FrameWriter(boolean masked, MessageDeflater deflater, int maxFrames) {
        this.masked = masked;
        this.deflater = deflater;
        ByteBuffer headers = ByteBuffer.allocate(maxFrames * MAX_HEADER);
        this.headerSlots = new ByteBuffer[maxFrames];
        for (int i = 0; i < maxFrames; i++) {
            headerSlots[i] = headers.duplicate().position(i * MAX_HEADER).limit((i + 1) * MAX_HEADER).slice();
        }
        this.arrays = new ByteBuffer[maxFrames + 1][];
    }

    /**
     * The buffers of one gathering write for {@code frames}. The returned array and header views
     * are reused by the next call, which the queue makes only after this write completed.
     */
    ByteBuffer[] prepare(List<OutFrame> frames) {
        arena.rewind();
        int n = frames.size();
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
