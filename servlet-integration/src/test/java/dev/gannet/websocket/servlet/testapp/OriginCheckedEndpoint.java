package dev.gannet.websocket.servlet.testapp;

import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/** Accepts only handshakes whose Origin is http://good.example. */
@ServerEndpoint(value = "/guarded", configurator = OriginCheckedEndpoint.GoodOriginOnly.class)
public class OriginCheckedEndpoint {

    @OnOpen
    public void open() {
    }

    /** The origin rule. */
    public static class GoodOriginOnly extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return "http://good.example".equals(originHeaderValue);
        }
    }
}
