package dev.gannet.websocket.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The demo's public behaviour, on a free port: echo, chat rooms, the page, shutdown with 1001. */
class DemoServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void echoChatPageAndCleanStop() throws Exception {
        DemoServer demo = DemoServer.start("127.0.0.1", 0);
        try {
            String base = "127.0.0.1:" + demo.port();
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/chat/"));

            Client echo = Client.connect("ws://" + base + "/echo");
            byte[] payload = new byte[16 << 20];
            new Random(1).nextBytes(payload);
            echo.ws.sendBinary(ByteBuffer.wrap(payload), true).get(30, TimeUnit.SECONDS);
            assertArrayEquals(payload, (byte[]) echo.messages.poll(30, TimeUnit.SECONDS));
            echo.ws.sendText("héllo", true).get(5, TimeUnit.SECONDS);
            assertEquals("héllo", echo.messages.poll(10, TimeUnit.SECONDS));

            Client ann = Client.connect("ws://" + base + "/chat/blue");
            Client bob = Client.connect("ws://" + base + "/chat/blue");
            Client eve = Client.connect("ws://" + base + "/chat/red");
            ann.ws.sendText("hi blue", true).get(5, TimeUnit.SECONDS);
            assertEquals("hi blue", ann.messages.poll(10, TimeUnit.SECONDS));
            assertEquals("hi blue", bob.messages.poll(10, TimeUnit.SECONDS));
            assertNull(eve.messages.poll(300, TimeUnit.MILLISECONDS));
            // A member that left no longer holds up or receives the room's messages.
            bob.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            assertEquals(1000, bob.closeCode.get(10, TimeUnit.SECONDS));
            ann.ws.sendText("still here", true).get(5, TimeUnit.SECONDS);
            assertEquals("still here", ann.messages.poll(10, TimeUnit.SECONDS));

            demo.stop();
            assertEquals(1001, echo.closeCode.get(10, TimeUnit.SECONDS));
            assertEquals(1001, eve.closeCode.get(10, TimeUnit.SECONDS));
        } finally {
            demo.stop();
        }
    }

    /** Queues whole messages (String or byte[]) and the close code. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        WebSocket ws;

        static Client connect(String uri) throws Exception {
            Client c = new Client();
            c.ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(uri), c).get(10, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
