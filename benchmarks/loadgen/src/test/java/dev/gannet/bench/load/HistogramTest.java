package dev.gannet.bench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistogramTest {

    @Test
    void exactBelowOneMillisecond() {
        Histogram h = new Histogram();
        for (int v = 1; v <= 100; v++) {
            h.recordMicros(v);
        }
        assertEquals(50, h.quantile(0.50));
        assertEquals(99, h.quantile(0.99));
        assertEquals(100, h.quantile(1.0));
    }

    @Test
    void largeValuesWithinTwoPercent() {
        for (long v : new long[] {1024, 1500, 77_777, 3_000_000, 600_000_000L}) {
            Histogram h = new Histogram();
            h.recordMicros(v);
            long q = h.quantile(0.5);
            assertTrue(q >= v && q <= v * 1.02, v + " reported as " + q);
        }
    }

    @Test
    void mergeAddsCounts() {
        Histogram a = new Histogram();
        Histogram b = new Histogram();
        a.recordMicros(10);
        b.recordMicros(20);
        b.recordMicros(30);
        a.add(b);
        assertEquals(3, a.count());
        assertEquals(30, a.quantile(1.0));
        assertEquals(0, new Histogram().quantile(0.5));
    }
}
