package dev.gannet.websocket.endpoint;

import static dev.gannet.websocket.endpoint.Wire.next;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * {@code @OnMessage(maxMessageSize)} limits whole-message methods only. The spec section says the
 * attribute is the largest message "the method it annotates will be able to process"; the 2.2
 * {@code OnMessage} javadoc settles the handler forms: it "only applies when the annotation is used
 * to process whole messages, not to those methods that process messages in parts or use a stream or
 * reader parameter". So a partial method sees a message larger than its attribute, in parts, and
 * the session stays open (whole-message limits: see AnnotatedEndpointLifecycleTest).
 */
class MaxMessageSizeFormsTest {

    @ServerEndpoint("/parts")
    public static class Parts {
        final BlockingQueue<String> events = Wire.queue();
        private final StringBuilder message = new StringBuilder();

        @OnMessage(maxMessageSize = 8)
        public void text(String part, boolean last) {
            message.append(part);
            if (last) {
                events.add(message.toString());
                message.setLength(0);
            }
        }
    }

    @Test
    void partialMethodIsNotLimitedByItsMaxMessageSize() throws Exception {
        Parts parts = new Parts();
        try (Wire w = Wire.open(parts)) {
            String big = "x".repeat(100);
            w.peer.sendText(big);
            assertEquals(big, next(parts.events));
            w.peer.sendText("after");
            assertEquals("after", next(parts.events), "the session stayed open");
        }
    }
}
