package dev.gannet.websocket.session;

import dev.gannet.websocket.protocol.OpCode;
import java.nio.ByteBuffer;

/** One frame waiting in the outbound queue; the payload is the engine's own view of the bytes. */
final class OutFrame {

    final int opcode;
    final boolean fin;
    final ByteBuffer payload;
    final SendCompletion completion;
    final OutMessage message;
    final int bytes;

    OutFrame(int opcode, boolean fin, ByteBuffer payload, SendCompletion completion, OutMessage message) {
        this.opcode = opcode;
        this.fin = fin;
        this.payload = payload;
        this.completion = completion == null ? SendCompletion.NONE : completion;
        this.message = message;
        this.bytes = payload.remaining();
    }

    boolean isData() {
        return !OpCode.isControl(opcode);
    }

    void complete(Throwable failure) {
        completion.completed(failure);
    }
}
