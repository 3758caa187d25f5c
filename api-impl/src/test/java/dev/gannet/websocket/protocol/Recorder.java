package dev.gannet.websocket.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A FrameListener that writes down what it is told, merging consecutive payload chunks so that
 * recordings of the same bytes split differently compare equal.
 */
class Recorder implements FrameListener {

    final List<String> events = new ArrayList<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    int payloadCalls;

    @Override
    public void onControlFrame(int opcode, ByteBuffer payload) {
        flush();
        events.add("C " + OpCode.name(opcode) + " " + hex(payload));
    }

    @Override
    public void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long payloadLength) {
        flush();
        events.add("S " + OpCode.name(opcode) + (fin ? " fin" : "") + (rsv1 ? " rsv1" : "") + " " + payloadLength);
    }

    @Override
    public void onDataPayload(ByteBuffer chunk) {
        if (!chunk.hasRemaining()) {
            throw new AssertionError("empty payload chunk");
        }
        payloadCalls++;
        byte[] b = new byte[chunk.remaining()];
        chunk.duplicate().get(b);
        data.writeBytes(b);
    }

    @Override
    public void onDataFrameEnd() {
        flush();
        events.add("E");
    }

    private void flush() {
        if (data.size() > 0) {
            events.add("D " + HexFormat.of().formatHex(data.toByteArray()));
            data.reset();
        }
    }

    List<String> events() {
        flush();
        return events;
    }

    static String hex(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return HexFormat.of().formatHex(a);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Parses {@code wire} whole and returns the events. */
    static List<String> parse(Role role, byte[] wire) {
        return parse(role, wire, false);
    }

    static List<String> parse(Role role, byte[] wire, boolean rsv1) {
        Recorder r = new Recorder();
        FrameParser p = new FrameParser(role, r);
        p.allowRsv1(rsv1);
        p.parse(ByteBuffer.wrap(wire.clone()));
        return r.events();
    }

    /** Parses {@code wire} one byte at a time. */
    static List<String> parseBytewise(Role role, byte[] wire) {
        Recorder r = new Recorder();
        FrameParser p = new FrameParser(role, r);
        byte[] copy = wire.clone();
        for (int i = 0; i < copy.length; i++) {
            ByteBuffer one = ByteBuffer.wrap(copy, i, 1);
            p.parse(one);
            if (one.hasRemaining()) {
                throw new AssertionError("parser left bytes unconsumed");
            }
        }
        return r.events();
    }
}
