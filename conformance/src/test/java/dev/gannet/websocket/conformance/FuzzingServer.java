package dev.gannet.websocket.conformance;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.json.simple.JSONValue;
import org.python.core.PyList;
import org.python.core.PyString;
import org.python.util.PythonInterpreter;

/**
 * The Autobahn TestSuite fuzzing <em>server</em> ({@code wstest -m fuzzingserver}) under Jython,
 * listening on 127.0.0.1 in this JVM, for testing a WebSocket client: the client opens
 * {@code /runCase?case=N&agent=A} for each case and echoes what it receives, then opens
 * {@code /updateReports?agent=A} to have the reports written. The suite's web UI is not started.
 */
public final class FuzzingServer implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 180_000;

    private final PythonInterpreter python;
    private final Thread reactor;
    private final URI baseUri;
    private final OutputStream log;

    private FuzzingServer(PythonInterpreter python, Thread reactor, URI baseUri, OutputStream log) {
        this.python = python;
        this.reactor = reactor;
        this.baseUri = baseUri;
        this.log = log;
    }

    /**
     * Starts the server and waits until it accepts connections.
     *
     * @param cases case patterns the server offers, numbered 1.. in the suite's order
     * @param reportDir emptied first; where {@code /updateReports} writes index.json and the rest
     * @param logFile receives what the Python side prints
     */
    public static FuzzingServer start(List<String> cases, Path reportDir, Path logFile) throws Exception {
        Reports.clear(reportDir);
        int port = LocalPorts.free();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("failByDrop", Boolean.FALSE);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("url", "ws://127.0.0.1:" + port);
        spec.put("outdir", reportDir.toAbsolutePath().toString());
        spec.put("options", options);
        spec.put("cases", cases);
        spec.put("exclude-cases", List.of());
        spec.put("exclude-agent-cases", Map.of());
        String json = JSONValue.toJSONString(spec);
        Files.writeString(reportDir.resolveSibling("fuzzingserver.json"), json, StandardCharsets.UTF_8);

        OutputStream log = Files.newOutputStream(logFile);
        PythonInterpreter python = new PythonInterpreter();
        python.setOut(log);
        python.setErr(log);
        python.set("spec_json", new PyString(json));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // The reactor owns this thread until stopped; signal handlers belong to the main thread only.
        Thread reactor = new Thread(() -> {
            try {
                python.exec("import json\n"
                        + "from twisted.internet import reactor\n"
                        + "from autobahn.websocket import listenWS\n"
                        + "from autobahntestsuite.fuzzing import FuzzingServerFactory\n"
                        + "factory = FuzzingServerFactory(json.loads(spec_json))\n"
                        // One line per stored result, so a case that never got one shows in the log.
                        + "def logged(f):\n"
                        + "    def logCase(results):\n"
                        + "        f(results)\n"
                        + "        print 'Recorded case %s for agent %s: %s, close %s, %d ms' % (results['id'],"
                        + " results['agent'], results['behavior'], results['behaviorClose'], results['duration'])\n"
                        + "    return logCase\n"
                        + "factory.logCase = logged(factory.logCase)\n"
                        + "listenWS(factory, None, 50, '127.0.0.1')\n"
                        + "reactor.run(installSignalHandlers=0)\n");
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "autobahn-fuzzingserver");
        reactor.setDaemon(true);
        reactor.start();

        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!LocalPorts.accepts(port)) {
            if (failure.get() != null || !reactor.isAlive()) {
                throw new IllegalStateException("The fuzzing server did not start; see " + logFile, failure.get());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("The fuzzing server did not listen within " + START_TIMEOUT_MILLIS + " ms");
            }
            Thread.sleep(200);
        }
        return new FuzzingServer(python, reactor, URI.create("ws://127.0.0.1:" + port), log);
    }

    /** {@code /runCase?case=N&agent=A}: the suite's case N (1-based) for the given client. */
    public URI runCase(int caseNumber, String agent) {
        return baseUri.resolve("/runCase?case=" + caseNumber + "&agent=" + agent);
    }

    /** The ids of the cases the server offers, in order: {@code runCase(n)} runs the n-th (1-based). */
    public List<String> caseIds() {
        List<String> ids = new ArrayList<>();
        for (Object id : (PyList) python.eval("factory.specCases")) {
            ids.add(String.valueOf(id));
        }
        return ids;
    }

    /**
     * Whether the server holds a result of case {@code id} for {@code agent}. It stores one only when
     * the case's TCP connection has ended on its side, which can trail the client's {@code onClose}.
     */
    public boolean hasResult(String agent, String id) {
        python.set("query_agent", new PyString(agent));
        python.set("query_case", new PyString(id));
        return python.eval("query_case in factory.agents.get(query_agent, {})").__nonzero__();
    }

    /** The thread the suite's Twisted reactor runs on (all of the fuzzing server's work). */
    public Thread reactorThread() {
        return reactor;
    }

    /** {@code /updateReports?agent=A}: writes the reports of every case the client has run. */
    public URI updateReports(String agent) {
        return baseUri.resolve("/updateReports?agent=" + agent);
    }

    @Override
    public void close() throws Exception {
        python.exec("reactor.callFromThread(reactor.stop)\n");
        reactor.join(30_000);
        python.close();
        log.close();
    }
}
