package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.FrameHeaders;
import dev.gannet.websocket.protocol.Masking;
import dev.gannet.websocket.protocol.MessageDeflater;
import dev.gannet.websocket.protocol.OpCode;
import java.nio.ByteBuffer;
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
    private final ByteBuffer headers;
    private final ScratchArena arena = new ScratchArena();
    private boolean closed;

    FrameWriter(boolean masked, MessageDeflater deflater, int maxFrames) {
        this.masked = masked;
        this.deflater = deflater;
        this.headers = ByteBuffer.allocate(maxFrames * MAX_HEADER);
    }

    ByteBuffer[] prepare(List<OutFrame> frames) {
        headers.clear();
        arena.rewind();
        ByteBuffer[] out = new ByteBuffer[frames.size() * 2];
        int i = 0;
        for (OutFrame f : frames) {
            ByteBuffer payload = f.payload;
            int rsv = 0;
            boolean emptyWhole = f.fin && f.opcode != OpCode.CONTINUATION && !payload.hasRemaining();
            // An empty whole message goes uncompressed (RSV1 is per message): a SYNC_FLUSH of no input
            // after an earlier message yields no bytes, which MessageDeflater rejects.
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
            int headerStart = headers.position();
            FrameHeaders.write(headers, f.fin, rsv, f.opcode, len, masked, key);
            out[i++] = headers.duplicate().position(headerStart).limit(headers.position()).slice();
            out[i++] = payload;
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (deflater != null && !closed) {
            closed = true;
            deflater.close();
        }
    }
}
