package dev.gannet.websocket.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.json.simple.JSONValue;
import org.python.core.PyString;
import org.python.util.PythonInterpreter;

/**
 * Runs the Autobahn TestSuite fuzzing client ({@code wstest -m fuzzingclient}) under Jython
 * against one server, in this JVM, and returns when every selected case has run and the
 * reports are written. The Python sources come from the autobahntestsuite-maven-plugin jar on
 * the test classpath; its mojo is not used because it resolves the host through
 * {@code InetAddress.getLocalHost()}, needs a fixed port before the server starts, writes its
 * reports relative to the working directory and does not clear stale ones.
 */
public final class FuzzingClient {

    private final String agent;
    private final URI serverUri;
    private final List<String> cases;
    private final List<String> excludeCases;

    /**
     * @param agent name of the server under test; names the report files
     * @param serverUri the echo endpoint
     * @param cases case patterns to run ({@code *}, {@code 9.*}, {@code 6.4.1})
     * @param excludeCases case patterns to leave out
     */
    public FuzzingClient(String agent, URI serverUri, List<String> cases, List<String> excludeCases) {
        this.agent = agent;
        this.serverUri = serverUri;
        this.cases = List.copyOf(cases);
        this.excludeCases = List.copyOf(excludeCases);
    }

    /**
     * The wstest spec, as the {@code wstest -m fuzzingclient -s spec.json} command line takes it.
     *
     * @param reportDir where wstest writes index.json, index.html and one report per case
     */
    public String spec(Path reportDir) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("agent", agent);
        server.put("url", serverUri.toString());
        Map<String, Object> options = new LinkedHashMap<>();
        // RFC 6455 allows a peer to drop TCP instead of answering a close; the suite's own template
        // does not count that as a failure and neither do we (the close column still shows it).
        options.put("failByDrop", Boolean.FALSE);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("outdir", reportDir.toAbsolutePath().toString());
        spec.put("servers", List.of(server));
        spec.put("options", options);
        spec.put("cases", cases);
        spec.put("exclude-cases", excludeCases);
        spec.put("exclude-agent-cases", Map.of());
        return JSONValue.toJSONString(spec);
    }

    /**
     * Runs the selected cases. Blocks until the suite stops its Twisted reactor.
     *
     * @param reportDir emptied first, so a run that tests nothing cannot pass on old reports
     * @param log receives everything the Python side prints (one line per case, errors)
     * @return how long loading and running took, with the CPU used by the client and by the rest
     * @throws IOException if the report directory or log cannot be written
     */
    public String run(Path reportDir, Path log) throws IOException {
        deleteRecursively(reportDir);
        Files.createDirectories(reportDir);
        String spec = spec(reportDir);
        Files.writeString(reportDir.resolveSibling("fuzzingclient.json"), spec, StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(log);
                PythonInterpreter python = new PythonInterpreter()) {
            python.setOut(out);
            python.setErr(out);
            python.set("spec_json", new PyString(spec));
            long loadStart = System.nanoTime();
            python.exec("import json\nfrom autobahntestsuite import wstest\n");
            long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
            CpuSplit cpu = new CpuSplit();
            python.exec("wstest.start({'mode': 'fuzzingclient'}, json.loads(spec_json))\n");
            return "suite loaded in " + loadMillis + " ms; cases ran in " + cpu.measure();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
