package dev.gannet.websocket.tck.arquillian;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * Writes deployed archives to disk as exploded web applications, one fresh folder per deployment
 * under a private temporary folder, and derives their context paths from the archive names.
 * Both containers then serve the application in place, with no WAR extraction of their own.
 */
final class WarStaging {

    private final AtomicInteger sequence = new AtomicInteger();
    private Path root;

    /** Creates the private folder; called when the container starts. */
    void open(String prefix) throws IOException {
        root = Files.createTempDirectory(prefix);
    }

    /** The private folder, for containers that want a work area of their own inside it. */
    Path root() {
        return root;
    }

    Path explode(Archive<?> archive) throws DeploymentException {
        if (root == null) {
            throw new DeploymentException("Container not started: cannot deploy " + archive.getName());
        }
        // The sequence number keeps a redeployment of the same archive away from the files of the last one.
        Path folder = root.resolve(sequence.incrementAndGet() + "-" + stripWar(archive.getName()));
        // Not ShrinkWrap's ExplodedExporter: it explodes WEB-INF/lib jars into folders too, which Tomcat
        // does not scan. Unzipping the exported WAR leaves the jars as the application packaged them.
        try (ZipInputStream zip = new ZipInputStream(archive.as(ZipExporter.class).exportAsInputStream())) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                write(folder, entry, zip);
            }
            Files.createDirectories(folder);
            return folder;
        } catch (IOException | RuntimeException e) {
            throw new DeploymentException("Cannot write " + archive.getName() + " to " + folder, e);
        }
    }

    private static void write(Path folder, ZipEntry entry, InputStream content) throws IOException {
        Path target = folder.resolve(entry.getName()).normalize();
        if (!target.startsWith(folder)) {
            throw new IOException("Archive entry escapes the deployment folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
        } else {
            Files.createDirectories(target.getParent());
            Files.copy(content, target);
        }
    }

    /**
     * The context path the archive is served under: its name without {@code .war}, as the TCK expects
     * ({@code "/wsc_negdep_malformedpath_web"}); {@code ROOT.war} is the root context, {@code ""}.
     */
    static String contextPath(String archiveName) {
        String base = stripWar(archiveName);
        return base.equals("ROOT") ? "" : "/" + base;
    }

    private static String stripWar(String archiveName) {
        return archiveName.endsWith(".war") ? archiveName.substring(0, archiveName.length() - 4) : archiveName;
    }

    static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(WarStaging::deleteOne);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteOne(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A file still held open (Windows) only costs temporary space; never fail an undeploy for it.
            file.toFile().deleteOnExit();
        }
    }

    /** Removes the private folder and everything left in it; called when the container stops. */
    void close() {
        delete(root);
        root = null;
    }
}
