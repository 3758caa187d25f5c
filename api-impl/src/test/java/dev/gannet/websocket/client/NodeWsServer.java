package dev.gannet.websocket.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ws-server.js} (node's {@code ws} package, an independent WebSocket server) for
 * one test class. Tests are skipped, with a message, when {@code node} is not installed
 * ({@code $GANNET_NODE} names another node binary). The
 * {@code ws} package is looked up in {@code $GANNET_NODE_MODULES}, else in
 * {@code <build dir>/node/node_modules}, where it is installed with
 * {@code npm install --prefix <build dir>/node ws@8} when missing.
 */
final class NodeWsServer implements AutoCloseable {

    /** The node command: {@code $GANNET_NODE}, else {@code node} on the PATH. */
    private static final String NODE = System.getenv().getOrDefault("GANNET_NODE", "node");
    private static Path nodeModules;

    private final Process process;
    final int port;
    private final boolean tls;

    private NodeWsServer(Process process, int port, boolean tls) {
        this.process = process;
        this.port = port;
        this.tls = tls;
    }

    URI uri(String pathAndQuery) {
        return URI.create((tls ? "wss://localhost:" : "ws://127.0.0.1:") + port + pathAndQuery);
    }

    static NodeWsServer start(String jsonOptions) throws Exception {
        Path modules = nodeModules();
        Path script = Files.createTempFile("gannet-ws-server", ".js");
        script.toFile().deleteOnExit();
        try (InputStream in = NodeWsServer.class.getResourceAsStream("ws-server.js")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder pb = new ProcessBuilder(NODE, script.toString(), jsonOptions)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("NODE_PATH", modules.toString());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String first;
        try {
            first = line.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("node ws-server.js did not start within 30 s", e);
        }
        if (first == null || !first.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new IllegalStateException("node ws-server.js failed to start: " + first);
        }
        return new NodeWsServer(p, Integer.parseInt(first.substring(5).trim()), jsonOptions.contains("\"tls\""));
    }

    /** Whether node runs here; tests call {@link #assumeNode()} so that each is reported skipped. */
    static synchronized boolean nodeAvailable() {
        if (nodeWorks == null) {
            nodeWorks = commandWorks(NODE, "--version");
        }
        return nodeWorks;
    }

    private static Boolean nodeWorks;

    static void assumeNode() {
        assumeTrue(nodeAvailable(), "node is not installed (" + NODE + "): skipping the tests against node's ws"
                + " server (install nodejs and npm, or point $GANNET_NODE at node)");
    }

    private static synchronized Path nodeModules() throws Exception {
        if (nodeModules != null) {
            return nodeModules;
        }
        assumeNode();
        String env = System.getenv("GANNET_NODE_MODULES");
        Path modules = env != null ? Path.of(env) : buildDir().resolve("node").resolve("node_modules");
        if (!Files.isDirectory(modules.resolve("ws"))) {
            Path prefix = modules.getParent();
            Files.createDirectories(prefix);
            Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(),
                    "ws@8").redirectErrorStream(true).start();
            byte[] log = p.getInputStream().readAllBytes();
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isDirectory(modules.resolve("ws"))) {
                p.destroyForcibly();
                throw new IllegalStateException("node is installed but the ws package is missing from " + modules
                        + " and `npm install --prefix " + prefix + " ws@8` failed:\n"
                        + new String(log, StandardCharsets.UTF_8));
            }
        }
        nodeModules = modules;
        return modules;
    }

    /** The build output folder: the parent of test-classes (honours -Dgannet.target). */
    private static Path buildDir() throws URISyntaxException {
        Path testClasses = Path.of(NodeWsServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return testClasses.getParent();
    }

    private static boolean commandWorks(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
