package dev.gannet.websocket.conformance;

import java.util.Comparator;

/** Orders case ids numerically component by component, so 1.1.10 follows 1.1.9 as in the suite's reports. */
final class CaseIds {

    static final Comparator<String> ORDER = CaseIds::compare;

    private CaseIds() {
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareComponent(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareComponent(String a, String b) {
        try {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
