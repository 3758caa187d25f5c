package dev.gannet.websocket.server;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerSettingsTest {

    @Test
    void defaults() {
        ServerSettings.Effective e = new ServerSettings().snapshot();
        assertEquals(new ServerSettings.Effective(0L, 65536, 65536, 60_000L, 16L * 1024 * 1024, 5_000L, true), e);
    }

    @Test
    void initParametersOverrideDefaults() {
        Map<String, String> init = Map.of(
                "dev.gannet.websocket.idleTimeout", "30000",
                "dev.gannet.websocket.maxTextMessageBufferSize", " 1024 ",
                "dev.gannet.websocket.permessageDeflate", "FALSE");
        ServerSettings s = new ServerSettings().apply(init::get);
        assertEquals(30_000L, s.idleTimeout());
        assertEquals(1024, s.maxTextMessageBufferSize());
        assertEquals(65536, s.maxBinaryMessageBufferSize());
        assertFalse(s.permessageDeflate());
    }

    @Test
    void userPropertiesOverridePerEndpointOnly() {
        ServerSettings s = new ServerSettings().maxBinaryMessageBufferSize(10);
        ServerSettings.Effective e = s.forEndpoint(Map.of(
                ConfigKeys.IDLE_TIMEOUT, 5L,
                ConfigKeys.ASYNC_SEND_TIMEOUT, "7",
                ConfigKeys.PERMESSAGE_DEFLATE, Boolean.FALSE,
                "unrelated", new Object()));
        assertEquals(5L, e.idleTimeout());
        assertEquals(7L, e.asyncSendTimeout());
        assertEquals(10, e.maxBinaryMessageBufferSize());
        assertFalse(e.permessageDeflate());
        assertEquals(0L, s.idleTimeout(), "the container value is untouched");
        assertTrue(s.permessageDeflate());
    }

    @Test
    void badValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServerSettings().apply(Map.of(ConfigKeys.MAX_OUTBOUND_QUEUE_BYTES, "lots")::get));
        assertTrue(e.getMessage().contains(ConfigKeys.MAX_OUTBOUND_QUEUE_BYTES), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ServerSettings().maxTextMessageBufferSize(0));
        assertTrue(e.getMessage().contains("maxTextMessageBufferSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ServerSettings().forEndpoint(Map.of(ConfigKeys.PERMESSAGE_DEFLATE, "yes")));
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    }
}
