package dev.gannet.bench.load;

/**
 * Latency histogram in microseconds: exact below 1024 µs, then 64 sub-buckets per power of two
 * (under 1.6 % error), up to about 70 minutes. Not thread-safe: one per reader thread, merged.
 */
final class Histogram {

    private static final int LINEAR = 1024;
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private final long[] counts = new long[LINEAR + 32 * SUB];
    private long total;

    void recordMicros(long micros) {
        counts[index(Math.max(0, micros))]++;
        total++;
    }

    void add(Histogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long count() {
        return total;
    }

    /** The value at quantile {@code q} (0..1), as the upper bound of its bucket, in µs. */
    long quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank && counts[i] > 0) {
                return upperBound(i);
            }
        }
        return upperBound(counts.length - 1);
    }

    static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v); // >= 10
        int sub = (int) ((v >>> (exponent - SUB_BITS)) & (SUB - 1));
        int i = LINEAR + (exponent - 10) * SUB + sub;
        return Math.min(i, LINEAR + 32 * SUB - 1);
    }

    static long upperBound(int index) {
        if (index < LINEAR) {
            return index;
        }
        int exponent = (index - LINEAR) / SUB + 10;
        int sub = (index - LINEAR) % SUB;
        long base = 1L << exponent;
        long step = base >>> SUB_BITS;
        return base + (sub + 1L) * step - 1;
    }
}
