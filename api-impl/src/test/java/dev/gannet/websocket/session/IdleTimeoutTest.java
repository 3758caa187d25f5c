package dev.gannet.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gannet.websocket.protocol.CloseCodes;
import dev.gannet.websocket.protocol.OpCode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The idle timeout: honoured exactly, reset by activity, 0 means none. */
@Timeout(20)
class IdleTimeoutTest {

    private Harness h;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.shutdown();
        }
    }

    @Test
    void idleSessionClosesAfterTheTimeoutNeverEarly() throws Exception {
        long start = System.nanoTime();
        h = Harness.server(s -> { }, SessionSettings.defaults().withMaxIdleTimeoutMs(200));
        assertEquals(200, h.session.getMaxIdleTimeout());
        RawPeer.Frame f = h.peer.next(5000);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(OpCode.CLOSE, f.opcode());
        assertEquals(CloseCodes.GOING_AWAY, f.close().code());
        assertTrue(ms >= 200, "fired after " + ms + " ms");
        assertTrue(ms < 1200, "fired after " + ms + " ms");
        h.peer.sendClose(1001, "");
        CloseReason r = h.endpoint.close(5000);
        assertEquals(1006, r.getCloseCode().getCode(), "a close the local container initiated (spec 2.1.5)");
        assertTrue(r.getReasonPhrase().contains("Idle"));
    }

    @Test
    void activityResetsTheTimer() throws Exception {
        h = Harness.server(s -> s.addMessageHandler(String.class,
                (MessageHandler.Whole<String>) text -> h.endpoint.events.add(text)));
        h.session.setMaxIdleTimeout(300);
        long start = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            Thread.sleep(100);
            if (i % 2 == 0) {
                h.peer.sendText("in" + i);
            } else {
                h.session.getBasicRemote().sendText("out" + i);
            }
        }
        assertTrue(h.session.isOpen(), "activity every 100 ms keeps a 300 ms timeout from firing");
        RawPeer.Frame f;
        do {
            f = h.peer.next(5000);
        } while (f.opcode() != OpCode.CLOSE);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 800 + 300 - 50, "closed after " + ms + " ms");
    }

    @Test
    void zeroMeansNoTimeout() throws Exception {
        h = Harness.server(s -> s.setMaxIdleTimeout(0));
        Thread.sleep(300);
        assertTrue(h.session.isOpen());
        assertEquals(0, h.session.getMaxIdleTimeout());
    }
}
