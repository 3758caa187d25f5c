package dev.gannet.websocket.tck.report;

import java.util.EnumMap;
import java.util.Map;

/** Counts of outcomes for one group of test cases. */
final class Tally {

    private final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);

    void add(Outcome outcome) {
        counts.merge(outcome, 1, Integer::sum);
    }

    int count(Outcome outcome) {
        return counts.getOrDefault(outcome, 0);
    }

    int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
