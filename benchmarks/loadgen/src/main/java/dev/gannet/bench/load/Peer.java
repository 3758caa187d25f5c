package dev.gannet.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server implementation taking part in the comparison: its name, its launcher class and the
 * classpath that the build wrote for its module ({@code target/runtime.classpath}).
 */
record Peer(String name, String mainClass, String classpath) {

    /** The peer built in {@code benchmarks/peer-<name>}. */
    static Peer fromModule(Path benchmarksDir, String name, String mainClass) {
        Path module = benchmarksDir.resolve("peer-" + name);
        Path target = module.resolve("target");
        try {
            String dependencies = Files.readString(target.resolve("runtime.classpath")).trim();
            return new Peer(name, mainClass, target.resolve("classes") + java.io.File.pathSeparator + dependencies);
        } catch (IOException e) {
            throw new UncheckedIOException("peer " + name + " is not built: run the benchmark build first", e);
        }
    }
}
