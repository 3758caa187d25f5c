package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The servlet transport alone, below any WebSocket framing: a servlet completes a hand-written
 * handshake, upgrades to {@link GannetUpgradeHandler}, and an echo listener that blocks on each
 * write (as a blocking send inside a callback does) returns every byte through the transport.
 */
class ServletTransportTest {

    private static final List<EmbeddedContainer> CONTAINERS = new ArrayList<>();
    private static ExecutorService executor;

    @BeforeAll
    static void startContainers() throws Exception {
        executor = DeliveryExecutors.create("transport-test", 8, ServletTransportTest.class.getClassLoader());
        CONTAINERS.addAll(EmbeddedContainer.startAll(EmbeddedContainer.WebApp.programmatic("/raw", new RawEchoInitializer())));
    }

    @AfterAll
    static void stopContainers() throws Exception {
        EmbeddedContainer.closeAll(CONTAINERS);
        executor.shutdownNow();
    }

    static List<EmbeddedContainer> containers() {
        return CONTAINERS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void echoesEveryByteWhileTheDeliveryThreadBlocksOnWrites(EmbeddedContainer container) throws Exception {
        byte[] payload = new byte[4 << 20];
        new Random(42).nextBytes(payload);
        try (Socket socket = upgrade(container)) {
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int off = 0; off < payload.length; off += 10_000) {
                        out.write(payload, off, Math.min(10_000, payload.length - off));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] echoed = socket.getInputStream().readNBytes(payload.length);
            writer.get(30, TimeUnit.SECONDS);
            assertArrayEquals(payload, echoed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void aPeerThatReadsLateStallsNothing(EmbeddedContainer container) throws Exception {
        // The echo's writes block until the peer reads, while the peer keeps sending: reads and
        // writes must each resume when the container says so, without either waiting on the other.
        byte[] payload = new byte[4 << 20];
        new Random(7).nextBytes(payload);
        try (Socket socket = upgrade(container)) {
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    out.write(payload);
                    out.flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(1000);
            byte[] echoed = socket.getInputStream().readNBytes(payload.length);
            writer.get(30, TimeUnit.SECONDS);
            assertArrayEquals(payload, echoed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void smallBuffersGatheredIntoOneWriteArriveIntactWhileThePeerReadsLate(EmbeddedContainer container)
            throws Exception {
        // Every write is a group of small buffers (as a frame's header and payload are), most
        // gathered into one array; the peer reads late, so the container must hold some of them.
        byte[] payload = new byte[2 << 20];
        new Random(11).nextBytes(payload);
        try (Socket socket = upgrade(container, "/gather")) {
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    out.write(payload);
                    out.flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(500);
            byte[] echoed = socket.getInputStream().readNBytes(payload.length);
            writer.get(30, TimeUnit.SECONDS);
            assertArrayEquals(payload, echoed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void endOfStreamFromThePeerClosesTheConnection(EmbeddedContainer container) throws Exception {
        try (Socket socket = upgrade(container)) {
            socket.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            byte[] rest = socket.getInputStream().readAllBytes(); // returns only when the server closed
            assertEquals("bye", new String(rest, StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void theTransportGivesTheConnectionsAddresses(EmbeddedContainer container) throws Exception {
        ADDRESSES.clear();
        try (Socket socket = upgrade(container)) {
            List<InetSocketAddress> seen = ADDRESSES.poll(10, TimeUnit.SECONDS);
            // The server's local address is the client's remote one and the other way round.
            assertEquals(List.of(socket.getRemoteSocketAddress(), socket.getLocalSocketAddress()), seen);
        }
    }

    /** The local and remote address of each transport opened, in order. */
    private static final LinkedBlockingQueue<List<InetSocketAddress>> ADDRESSES = new LinkedBlockingQueue<>();

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void repliesWrittenWhileABurstIsDeliveredReachThePeerEvenWhenALaterCallbackBlocks(EmbeddedContainer container)
            throws Exception {
        // One write: the server reads it at once and replies byte by byte. After '!' its listener
        // blocks until the peer has seen everything up to '!': replies deferred to the end of the
        // burst must not wait for that.
        ByteEcho.release = new CountDownLatch(1);
        ByteEcho.deferred.set(0);
        try (Socket socket = upgrade(container, "/bytes")) {
            socket.getOutputStream().write("hello!world".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] first = socket.getInputStream().readNBytes(6);
            assertEquals("hello!", new String(first, StandardCharsets.US_ASCII));
            ByteEcho.release.countDown();
            byte[] rest = socket.getInputStream().readNBytes(5);
            assertEquals("world", new String(rest, StandardCharsets.US_ASCII));
        } finally {
            ByteEcho.release.countDown();
        }
        if (container instanceof JettyContainer) { // Tomcat's reader delivers on its own terms: no deferral there
            assertTrue(ByteEcho.deferred.get() > 0, "no reply of the burst left its flush to the end of the burst");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void aLoneReplyIsFlushedAtOnce(EmbeddedContainer container) throws Exception {
        ByteEcho.release = new CountDownLatch(0);
        ByteEcho.loneOwed.set(0);
        try (Socket socket = upgrade(container, "/bytes")) {
            for (int i = 0; i < 20; i++) {
                socket.getOutputStream().write('a' + i);
                socket.getOutputStream().flush();
                assertEquals('a' + i, socket.getInputStream().read());
            }
        }
        assertEquals(0, ByteEcho.loneOwed.get(), "a reply to the last byte of its input was left unflushed");
    }

    /** Opens a socket, sends a hand-written upgrade request, and reads the 101 response. */
    private static Socket upgrade(EmbeddedContainer container) throws Exception {
        return upgrade(container, "/echo");
    }

    private static Socket upgrade(EmbeddedContainer container, String path) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", container.port()), 5000);
        socket.setSoTimeout(30_000);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String request = "GET " + container.contextPath() + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + container.port() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write((request).getBytes(StandardCharsets.US_ASCII));
        String head = readHead(socket.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        assertTrue(head.toLowerCase().contains("sec-websocket-accept: " + accept(key).toLowerCase()), head);
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed in the response head: " + head);
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    static String accept(String key) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] digest = sha1.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }

    /** Registers the servlet that performs the hand-written handshake. */
    public static final class RawEchoInitializer implements ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
            ctx.addServlet("raw-echo", new RawEchoServlet()).addMapping("/echo", "/bytes", "/gather");
        }
    }

    static final class RawEchoServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, jakarta.servlet.ServletException {
            String key = req.getHeader("Sec-WebSocket-Key");
            resp.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
            resp.setHeader("Upgrade", "websocket");
            resp.setHeader("Connection", "Upgrade");
            try {
                resp.setHeader("Sec-WebSocket-Accept", accept(key));
            } catch (Exception e) {
                throw new IOException(e);
            }
            GannetUpgradeHandler handler = req.upgrade(GannetUpgradeHandler.class);
            handler.prepare(new UpgradeTarget(executor, new ReadBuffers(8192, 2), 16384,
                    ReadArming.choose(null, req.getServletContext().getServerInfo()), req.getLocalAddr(), req.getLocalPort(),
                    req.getRemoteAddr(), req.getRemotePort(), false,
                    switch (req.getServletPath()) {
                        case "/bytes" -> ByteEcho::start;
                        case "/gather" -> RawEcho::startGathering;
                        default -> RawEcho::start;
                    }), req);
        }
    }

    /** Echoes bytes, blocking the delivery thread until each write completed. */
    static final class RawEcho implements TransportListener {
        private final ServletTransport transport;
        private final boolean gathering;

        private RawEcho(ServletTransport transport, boolean gathering) {
            this.transport = transport;
            this.gathering = gathering;
        }

        static void start(ServletTransport transport) {
            ADDRESSES.add(List.of(transport.localAddress(), transport.remoteAddress()));
            transport.setListener(new RawEcho(transport, false));
            transport.demand();
        }

        /** Writes each input as groups of a 2-byte, a 7-byte and a 0-to-1100-byte buffer, one write per group. */
        static void startGathering(ServletTransport transport) {
            transport.setListener(new RawEcho(transport, true));
            transport.demand();
        }

        @Override
        public void onData(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            if (!gathering) {
                writeAndWait(new ByteBuffer[] {ByteBuffer.wrap(copy)});
                return;
            }
            int off = 0;
            int round = 0;
            while (off < copy.length) {
                int[] sizes = {2, 7, (round++ * 97) % 1101};
                ByteBuffer[] group = new ByteBuffer[sizes.length];
                for (int i = 0; i < sizes.length; i++) {
                    int n = Math.min(sizes[i], copy.length - off);
                    group[i] = ByteBuffer.wrap(copy, off, n);
                    off += n;
                }
                if (!writeAndWait(group, off == copy.length)) {
                    return;
                }
            }
        }

        private void writeAndWait(ByteBuffer[] buffers) {
            writeAndWait(buffers, true);
        }

        private boolean writeAndWait(ByteBuffer[] buffers, boolean thenDemand) {
            CountDownLatch written = new CountDownLatch(1);
            transport.write(buffers, new WriteCallback() {
                @Override
                public void completed() {
                    written.countDown();
                }

                @Override
                public void failed(Throwable failure) {
                    transport.abort();
                    written.countDown();
                }
            });
            try {
                if (!written.await(20, TimeUnit.SECONDS)) {
                    transport.abort();
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (thenDemand) {
                transport.demand();
            }
            return true;
        }

        @Override
        public void onEndOfStream() {
            transport.close();
        }

        @Override
        public void onError(Throwable failure) {
            transport.abort();
        }
    }

    /**
     * Echoes its input a byte at a time, each reply a write of its own that the listener waits
     * for (as a blocking send does); after a '!' it blocks until the test releases it.
     */
    static final class ByteEcho implements TransportListener {
        static volatile CountDownLatch release = new CountDownLatch(0);
        static final AtomicInteger deferred = new AtomicInteger();
        static final AtomicInteger loneOwed = new AtomicInteger();
        private final ServletTransport transport;

        private ByteEcho(ServletTransport transport) {
            this.transport = transport;
        }

        static void start(ServletTransport transport) {
            transport.setListener(new ByteEcho(transport));
            transport.demand();
        }

        @Override
        public void onData(ByteBuffer data) {
            try {
                while (data.hasRemaining()) {
                    byte b = data.get();
                    CountDownLatch written = new CountDownLatch(1);
                    transport.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {b})}, new WriteCallback() {
                        @Override
                        public void completed() {
                            written.countDown();
                        }

                        @Override
                        public void failed(Throwable failure) {
                            transport.abort();
                            written.countDown();
                        }
                    });
                    if (!written.await(20, TimeUnit.SECONDS)) {
                        transport.abort();
                        return;
                    }
                    if (transport.owesFlush()) {
                        (data.hasRemaining() ? deferred : loneOwed).incrementAndGet();
                    }
                    if (b == '!' && !release.await(20, TimeUnit.SECONDS)) {
                        transport.abort();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            transport.demand();
        }

        @Override
        public void onEndOfStream() {
            transport.close();
        }

        @Override
        public void onError(Throwable failure) {
            transport.abort();
        }
    }
}
