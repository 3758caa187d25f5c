package dev.gannet.websocket.client;

import dev.gannet.websocket.transport.TransportListener;
import dev.gannet.websocket.transport.WriteCallback;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP/1.1 request and response head over a {@link NioTransport}, done before the
 * transport belongs to a session (proxy CONNECT, the WebSocket upgrade). The bytes that follow
 * the response head are handed back to the transport, so the session reads them first.
 */
final class HttpExchange implements TransportListener {

    private final NioTransport transport;
    private final HttpResponseParser parser;
    private final CompletableFuture<HttpResponse> result = new CompletableFuture<>();

    private HttpExchange(NioTransport transport, int maxHeadBytes) {
        this.transport = transport;
        this.parser = new HttpResponseParser(maxHeadBytes);
    }

    /**
     * Sends {@code requestHead} (already terminated by an empty line) and waits for the response
     * head until {@code deadlineNanos} ({@link System#nanoTime()} based).
     */
    static HttpResponse exchange(NioTransport transport, String requestHead, int maxHeadBytes, long deadlineNanos,
            String what) throws IOException {
        HttpExchange x = new HttpExchange(transport, maxHeadBytes);
        transport.setListener(x);
        ByteBuffer bytes = ByteBuffer.wrap(requestHead.getBytes(StandardCharsets.ISO_8859_1));
        transport.write(new ByteBuffer[] {bytes}, new WriteCallback() {
            @Override
            public void completed() {
                transport.demand();
            }

            @Override
            public void failed(Throwable failure) {
                x.result.completeExceptionally(failure);
            }
        });
        return await(x.result, transport, deadlineNanos, what);
    }

    /** Waits for {@code f} until the deadline; on timeout or interrupt the transport is aborted. */
    static <T> T await(CompletableFuture<T> f, NioTransport transport, long deadlineNanos, String what)
            throws IOException {
        try {
            long left = deadlineNanos - System.nanoTime();
            return f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            transport.abort();
            throw new SocketTimeoutException("Timed out waiting for " + what);
        } catch (InterruptedException e) {
            transport.abort();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for " + what);
        } catch (ExecutionException e) {
            transport.abort();
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException(what + " failed: " + io.getMessage(), io);
            }
            throw new IOException(what + " failed: " + cause, cause);
        }
    }

    @Override
    public void onData(ByteBuffer data) {
        try {
            HttpResponse r = parser.feed(data);
            if (r == null) {
                transport.demand();
                return;
            }
            // Frames may follow the 101 in the same read: keep them for the session.
            ByteBuffer rest = ByteBuffer.allocate(data.remaining());
            rest.put(data).flip();
            transport.unread(rest);
            result.complete(r);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    @Override
    public void onEndOfStream() {
        result.completeExceptionally(new EOFException("the server closed the connection before a complete response"));
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }
}
