package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.CloseCodes;
import dev.gannet.websocket.protocol.DeflateParameters;
import dev.gannet.websocket.protocol.MessageDeflater;
import dev.gannet.websocket.protocol.MessageInflater;
import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.transport.InMemoryTransport;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** permessage-deflate on and off, session to session and against a raw peer. */
@Timeout(30)
class DeflateSessionTest {

    private Harness h;
    private InMemoryTransport.Pair pair;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.shutdown();
        }
        if (pair != null) {
            pair.client().abort();
            pair.server().abort();
        }
    }

    private static String repetitive(int n) {
        StringBuilder sb = new StringBuilder(n);
        while (sb.length() < n) {
            sb.append("the quick brown fox jumps over the lazy dog ").append(sb.length() % 97).append(' ');
        }
        return sb.substring(0, n);
    }

    /** Two sessions, the server echoing with blocking sends from onMessage. */
    private LinkedBlockingQueue<Object> roundTrip(Optional<DeflateParameters> deflate, List<Object> messages,
                                                  boolean viaWriter) throws Exception {
        pair = InMemoryTransport.pair();
        Endpoint echo = new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig c) {
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) t -> {
                    try {
                        s.getBasicRemote().sendText(t);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
                    try {
                        s.getBasicRemote().sendBinary(b);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        };
        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        Endpoint client = new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig c) {
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
                s.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) received::add);
            }
        };
        SessionSettings settings = SessionSettings.defaults().withMaxTextMessageBufferSize(4 << 20)
                .withMaxBinaryMessageBufferSize(4 << 20);
        EndpointConfig config = Harness.config(List.of(), List.of());
        WsSession server = new WsSession(SessionConfig.builder().role(Role.SERVER).transport(pair.server())
                .endpoint(echo).endpointConfig(config).deflate(deflate).settings(settings).build());
        WsSession clientSession = new WsSession(SessionConfig.builder().role(Role.CLIENT).transport(pair.client())
                .endpoint(client).endpointConfig(config).deflate(deflate).settings(settings).build());
        server.start();
        clientSession.start();
        for (Object m : messages) {
            if (m instanceof String s) {
                if (viaWriter) {
                    try (Writer w = clientSession.getBasicRemote().getSendWriter()) {
                        int half = s.length() / 2;
                        w.write(s, 0, half);
                        w.flush();
                        w.write(s, half, s.length() - half);
                    }
                } else {
                    clientSession.getBasicRemote().sendText(s);
                }
            } else {
                clientSession.getAsyncRemote().sendBinary(ByteBuffer.wrap((byte[]) m)).get(10, TimeUnit.SECONDS);
            }
        }
        return received;
    }

    @Test
    void roundTripWithAndWithoutCompression() throws Exception {
        for (Optional<DeflateParameters> deflate : List.of(Optional.<DeflateParameters>empty(),
                Optional.of(DeflateParameters.DEFAULT), Optional.of(new DeflateParameters(true, true, 15, 15)))) {
            String big = repetitive(300_000);
            byte[] bin = big.getBytes(StandardCharsets.UTF_8);
            List<Object> messages = List.of("small", big, bin, "", "Grüße €");
            LinkedBlockingQueue<Object> got = roundTrip(deflate, messages, false);
            assertEquals("small", got.poll(10, TimeUnit.SECONDS));
            assertEquals(big, got.poll(10, TimeUnit.SECONDS));
            assertArrayEquals(bin, (byte[]) got.poll(10, TimeUnit.SECONDS));
            assertEquals("", got.poll(10, TimeUnit.SECONDS));
            assertEquals("Grüße €", got.poll(10, TimeUnit.SECONDS));
            long wire = pair.client().bytesWritten();
            if (deflate.isPresent()) {
                assertTrue(wire < 100_000, "compressed on the wire: " + wire);
            } else {
                assertTrue(wire > 600_000, "uncompressed on the wire: " + wire);
            }
            pair.client().abort();
            pair.server().abort();
        }
    }

    @Test
    void fragmentedCompressedMessagesFromASendWriter() throws Exception {
        String big = repetitive(200_000);
        LinkedBlockingQueue<Object> got = roundTrip(Optional.of(DeflateParameters.DEFAULT), List.of(big, "x" + big), true);
        assertEquals(big, got.poll(10, TimeUnit.SECONDS));
        assertEquals("x" + big, got.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void compressedFramesCarryRsv1AndInflateToTheMessage() throws Exception {
        h = Harness.create(Role.SERVER, s -> { }, SessionSettings.defaults(), Harness.config(List.of(), List.of()),
                InMemoryTransport.DEFAULT_CAPACITY, Optional.of(DeflateParameters.DEFAULT));
        String text = repetitive(10_000);
        h.session.getBasicRemote().sendText(text);
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(OpCode.TEXT, f.opcode());
        assertTrue(f.rsv1());
        assertTrue(f.payload().length < 5_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MessageInflater inflater = new MessageInflater(false, 0)) {
            inflater.inflate(ByteBuffer.wrap(f.payload()), true, chunk -> {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                out.write(b, 0, b.length);
            });
        }
        assertEquals(text, out.toString(StandardCharsets.UTF_8));
        h.session.getBasicRemote().sendPing(ByteBuffer.allocate(1));
        assertFalse(h.peer.next(5000).rsv1(), "control frames are never compressed");
    }

    @Test
    void compressedInboundMessageIsInflatedAndItsSizeCheckedAsItGrows() throws Exception {
        h = Harness.create(Role.SERVER, s -> {
                    s.setMaxTextMessageBufferSize(64 * 1024);
                    s.addMessageHandler(String.class, (MessageHandler.Whole<String>) t -> h.endpoint.events.add(t));
                }, SessionSettings.defaults(), Harness.config(List.of(), List.of()),
                InMemoryTransport.DEFAULT_CAPACITY, Optional.of(DeflateParameters.DEFAULT));
        String text = repetitive(20_000);
        h.peer.sendFrame(OpCode.TEXT, true, 0b100, compress(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(text, h.endpoint.event(5000));
        byte[] bomb = compress(new byte[10_000_000]); // ~10 KB on the wire, 10 MB inflated
        assertTrue(bomb.length < 100_000);
        h.peer.sendFrame(OpCode.TEXT, true, 0b100, bomb);
        RawPeer.Frame f = h.peer.next(5000);
        assertEquals(CloseCodes.TOO_BIG, f.close().code());
        assertEquals(1009, h.endpoint.close(5000).getCloseCode().getCode());
    }

    @Test
    void compressedFragmentedMessageToAPartialHandler() throws Exception {
        h = Harness.create(Role.SERVER, s -> s.addMessageHandler(String.class,
                        (MessageHandler.Partial<String>) (part, last) -> h.endpoint.events.add(part + (last ? "|" : ""))),
                SessionSettings.defaults(), Harness.config(List.of(), List.of()),
                InMemoryTransport.DEFAULT_CAPACITY, Optional.of(DeflateParameters.DEFAULT));
        String text = repetitive(50_000) + "€";
        byte[] z = compress(text.getBytes(StandardCharsets.UTF_8));
        int cut = z.length / 2;
        h.peer.sendFrame(OpCode.TEXT, false, 0b100, java.util.Arrays.copyOfRange(z, 0, cut));
        h.peer.sendFrame(OpCode.CONTINUATION, true, 0, java.util.Arrays.copyOfRange(z, cut, z.length));
        StringBuilder got = new StringBuilder();
        String part;
        do {
            part = (String) h.endpoint.event(5000);
            got.append(part);
        } while (!part.endsWith("|"));
        assertEquals(text + "|", got.toString());
    }

    /**
     * A partial handler runs from inside the inflater's callback; while it blocks, ending the
     * session (what the close timeout does on the executor) must not wait for it.
     */
    @Test
    void endingTheSessionDoesNotWaitForAPartialHandlerBlockedInsideInflate() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        h = Harness.create(Role.SERVER, s -> s.addMessageHandler(String.class,
                        (MessageHandler.Partial<String>) (part, last) -> {
                            entered.countDown();
                            try {
                                release.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }),
                SessionSettings.defaults(), Harness.config(List.of(), List.of()),
                InMemoryTransport.DEFAULT_CAPACITY, Optional.of(DeflateParameters.DEFAULT));
        try {
            h.peer.sendFrame(OpCode.TEXT, true, 0b100, compress(repetitive(200_000).getBytes(StandardCharsets.UTF_8)));
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            CompletableFuture<Void> teardown = CompletableFuture.runAsync(() -> h.session.closeTransport(true));
            teardown.get(5, TimeUnit.SECONDS); // before: blocked on the inflater's monitor until the handler returned
        } finally {
            release.countDown();
        }
    }

    private static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MessageDeflater deflater = new MessageDeflater(false)) {
            deflater.deflate(ByteBuffer.wrap(data), true, chunk -> {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                out.write(b, 0, b.length);
            });
        }
        return out.toByteArray();
    }
}
