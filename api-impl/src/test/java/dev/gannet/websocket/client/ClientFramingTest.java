package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the client puts on the wire after the handshake: every frame masked, a new key each time. */
@Timeout(60)
class ClientFramingTest {

    @Test
    void everyFrameIsMaskedWithAFreshKey() throws Exception {
        try (ScriptedServer server = new ScriptedServer(
                r -> ScriptedServer.switching(r, "").getBytes(StandardCharsets.ISO_8859_1))) {
            ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().build();
            cec.getUserProperties().put(ClientProperties.CLOSE_TIMEOUT, 300);
            Session s = new GannetClientContainer().connectToServer(new Recorder(), cec, server.uri("/"));
            for (int i = 0; i < 20; i++) {
                s.getBasicRemote().sendText("frame " + i);
            }
            s.close(); // the scripted server never answers the close: the close timeout ends it
            byte[] wire = server.afterHead.get(20, TimeUnit.SECONDS);

            List<String> texts = new ArrayList<>();
            Set<Integer> keys = new HashSet<>();
            int frames = 0;
            int i = 0;
            while (i < wire.length) {
                int op = wire[i] & 0x0f;
                assertTrue((wire[i + 1] & 0x80) != 0, "frame " + frames + " is masked");
                int len = wire[i + 1] & 0x7f; // all frames here are short
                int key = ((wire[i + 2] & 0xff) << 24) | ((wire[i + 3] & 0xff) << 16) | ((wire[i + 4] & 0xff) << 8)
                        | (wire[i + 5] & 0xff);
                keys.add(key);
                byte[] payload = new byte[len];
                for (int j = 0; j < len; j++) {
                    payload[j] = (byte) (wire[i + 6 + j] ^ wire[i + 2 + (j & 3)]);
                }
                if (op == 1) {
                    texts.add(new String(payload, StandardCharsets.UTF_8));
                } else {
                    assertEquals(8, op, "a close frame ends the stream");
                    assertEquals(1000, ((payload[0] & 0xff) << 8) | (payload[1] & 0xff));
                }
                frames++;
                i += 6 + len;
            }
            assertEquals(21, frames);
            assertEquals(21, keys.size(), "a fresh masking key for every frame");
            for (int n = 0; n < 20; n++) {
                assertEquals("frame " + n, texts.get(n));
            }
        }
    }
}
