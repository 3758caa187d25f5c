package dev.gannet.bench.peer;

import dev.gannet.bench.echo.BenchEchoEndpoint;
import dev.gannet.bench.echo.PeerSupport;
import org.glassfish.tyrus.server.Server;

import java.util.Map;

/** Tyrus 2.2 on its Grizzly server serving the shared echo endpoint. */
public final class TyrusPeer {

    private TyrusPeer() {
    }

    public static void main(String[] args) throws Exception {
        int port = PeerSupport.port(args);
        // Tyrus takes its buffer size as a server property rather than through the container.
        Map<String, Object> properties = Map.of(
                "org.glassfish.tyrus.incomingBufferSize", PeerSupport.MESSAGE_BUFFER_BYTES + 1024);
        Server server = new Server("127.0.0.1", port, "/", properties, BenchEchoEndpoint.class);
        server.start();
        PeerSupport.ready("tyrus", port);
        Thread.currentThread().join();
    }
}
