package dev.gannet.websocket.servlet;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Makes, once per JVM, the WEB-INF/classes folder of the discovered test web application. */
final class WebAppClasses {

    private static Path dir;

    private WebAppClasses() {
    }

    static synchronized Path dir() throws IOException {
        if (dir == null) {
            Path testClasses;
            try {
                testClasses = Path.of(WebAppClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            Path target = Files.createTempDirectory("gannet-webinf-classes");
            Path pkg = testClasses.resolve(Path.of("dev", "gannet", "websocket", "servlet", "testapp"));
            try (Stream<Path> files = Files.walk(pkg)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path copy = target.resolve(testClasses.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(f, copy);
                    }
                }
            }
            dir = target;
        }
        return dir;
    }
}
