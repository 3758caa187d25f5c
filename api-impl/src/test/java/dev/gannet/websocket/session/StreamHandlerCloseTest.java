package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.OpCode;
import dev.gannet.websocket.protocol.Role;
import dev.gannet.websocket.transport.InMemoryTransport;
import dev.gannet.websocket.transport.TransportListener;
import jakarta.websocket.MessageHandler;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream handler that does not return must not hold the transport's delivery thread forever
 * once the session is closing: the wait for it is bounded by the close timeout.
 */
@Timeout(30)
class StreamHandlerCloseTest {

    @Test
    void theDeliveryThreadIsFreedWhenAStreamHandlerOutlivesTheClose() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch deliveryReturned = new CountDownLatch(1);
        InMemoryTransport.Pair pair = InMemoryTransport.pair(InMemoryTransport.DEFAULT_CAPACITY);
        ForwardingTransport transport = new ForwardingTransport(pair.server()) {
            @Override
            public void setListener(TransportListener listener) {
                super.setListener(new TransportListener() {
                    @Override
                    public void onData(ByteBuffer data) {
                        boolean afterEntered = entered.getCount() == 0;
                        listener.onData(data);
                        if (afterEntered) {
                            deliveryReturned.countDown();
                        }
                    }

                    @Override
                    public void onEndOfStream() {
                        listener.onEndOfStream();
                    }

                    @Override
                    public void onError(Throwable failure) {
                        listener.onError(failure);
                    }
                });
            }
        };
        RecordingEndpoint endpoint = new RecordingEndpoint(s -> s.addMessageHandler(InputStream.class,
                (MessageHandler.Whole<InputStream>) in -> {
                    entered.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS); // neither reads nor returns
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        WsSession session = new WsSession(SessionConfig.builder()
                .role(Role.SERVER)
                .transport(transport)
                .endpoint(endpoint)
                .endpointConfig(Harness.config(List.of(), List.of()))
                .settings(SessionSettings.defaults().withCloseTimeoutMs(400))
                .build());
        RawPeer peer = new RawPeer(pair.client(), Role.CLIENT);
        session.start();
        try {
            peer.sendFrame(OpCode.BINARY, false, 0, new byte[10]);
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            peer.sendFrame(OpCode.CONTINUATION, true, 0, new byte[10]); // the delivery now waits for the handler
            session.close();
            assertTrue(deliveryReturned.await(5, TimeUnit.SECONDS),
                    "the delivery thread must not wait for the handler past the close timeout");
        } finally {
            release.countDown();
            pair.client().abort();
            pair.server().abort();
        }
    }
}
