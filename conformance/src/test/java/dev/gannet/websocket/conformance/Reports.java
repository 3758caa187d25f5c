package dev.gannet.websocket.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Report directory housekeeping shared by the fuzzing client and server runs. */
final class Reports {

    private Reports() {
    }

    /** Deletes {@code dir} with everything in it, then recreates it empty: old results must never count. */
    static void clear(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
