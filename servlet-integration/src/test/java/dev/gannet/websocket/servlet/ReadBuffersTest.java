package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The shared read buffers: reused when given back, fresh and cleared when taken, bounded when kept. */
class ReadBuffersTest {

    @Test
    void aGivenBackBufferIsTakenAgainCleared() {
        ReadBuffers pool = new ReadBuffers(64, 2);
        ByteBuffer b = pool.take();
        assertEquals(64, b.capacity());
        assertTrue(b.hasArray());
        b.position(10).limit(20);
        pool.give(b);
        assertEquals(1, pool.freeCount());
        ByteBuffer again = pool.take();
        assertSame(b, again);
        assertEquals(0, again.position());
        assertEquals(64, again.limit());
        assertEquals(0, pool.freeCount());
    }

    @Test
    void keepsNoMoreThanItsSlots() {
        ReadBuffers pool = new ReadBuffers(16, 2);
        ByteBuffer a = pool.take();
        ByteBuffer b = pool.take();
        ByteBuffer c = pool.take();
        assertNotSame(a, b);
        pool.give(a);
        pool.give(b);
        pool.give(c);
        assertEquals(2, pool.freeCount());
    }
}
