package dev.gannet.bench.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counts the errors of one run and keeps the first, which makes the run invalid. */
final class ErrorLog {

    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<String> first = new AtomicReference<>();

    void add(String error) {
        count.incrementAndGet();
        first.compareAndSet(null, error);
    }

    long count() {
        return count.get();
    }

    String first() {
        return first.get();
    }
}
