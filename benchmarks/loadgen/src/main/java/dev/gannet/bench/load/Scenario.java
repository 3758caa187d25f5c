package dev.gannet.bench.load;

/**
 * One load shape: how many connections, how many messages each keeps in flight, the payload
 * size and kind, and whether permessage-deflate is negotiated.
 */
record Scenario(String name, int connections, int inFlight, int size, boolean binary, boolean deflate) {

    static Scenario of(int connections, int inFlight, int size, boolean binary, boolean deflate) {
        String sizeName = size >= 1024 ? (size / 1024) + "KiB" : size + "B";
        String name = connections + "c-" + inFlight + "f-" + sizeName + "-" + (binary ? "bin" : "text")
                + (deflate ? "-deflate" : "");
        return new Scenario(name, connections, inFlight, size, binary, deflate);
    }
}
