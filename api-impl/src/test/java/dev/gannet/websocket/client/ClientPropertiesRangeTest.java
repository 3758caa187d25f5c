package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Buffer-size user properties are range-checked and named, never cast into a wrong int. */
@Timeout(60)
class ClientPropertiesRangeTest {

    @Test
    void sizesBeyondAnIntOrBelowOneAreRefusedNamingTheProperty() {
        for (Map.Entry<String, Object> bad : java.util.List.<Map.Entry<String, Object>>of(
                Map.entry(ClientProperties.READ_BUFFER_SIZE, 3_000_000_000L),
                Map.entry(ClientProperties.MAX_RESPONSE_HEAD_SIZE, "4294967296"),
                Map.entry(ClientProperties.READ_BUFFER_SIZE, 0))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ClientProperties.sizeValue(Map.of(bad.getKey(), bad.getValue()), bad.getKey(), 16));
            assertTrue(e.getMessage().contains(bad.getKey()) && e.getMessage().contains(bad.getValue().toString())
                    && e.getMessage().contains("from 1 to 2147483647"), e.getMessage());
        }
        assertEquals(2147483647, ClientProperties.sizeValue(Map.of("k", Integer.MAX_VALUE), "k", 16));
        assertEquals(16, ClientProperties.sizeValue(Map.of(), "k", 16));
    }

    @Test
    void theContainerReportsTheBadPropertyBeforeConnecting() throws Exception {
        try (ScriptedServer server = new ScriptedServer(r -> "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1))) {
            GannetClientContainer c = new GannetClientContainer();
            ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().build();
            cec.getUserProperties().put(ClientProperties.READ_BUFFER_SIZE, 3_000_000_000L);
            DeploymentException e = assertThrows(DeploymentException.class,
                    () -> c.connectToServer(new Recorder(), cec, server.uri("/")));
            assertTrue(e.getMessage().contains(ClientProperties.READ_BUFFER_SIZE)
                    && e.getMessage().contains("3000000000"), e.getMessage());
            // A sane value passes the check and the connection proceeds to the server's answer.
            cec.getUserProperties().put(ClientProperties.READ_BUFFER_SIZE, 8192);
            DeploymentException refused = assertThrows(DeploymentException.class,
                    () -> c.connectToServer(new Recorder(), cec, server.uri("/")));
            assertTrue(refused.getMessage().contains("403"), refused.getMessage());
        }
    }
}
