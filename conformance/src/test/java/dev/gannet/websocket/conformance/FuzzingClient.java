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
import org.python.core.PyInteger;
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

    /**
     * A case whose connection is still open after this long is cut off. The suite's own longest
     * wait is 100 s (9.x); a server that neither answers nor closes would otherwise hang the
     * suite, which has no timeout of its own for most cases, until failsafe kills the whole run.
     * System property {@code autobahn.caseLimitSeconds} overrides it.
     */
    static final int CASE_LIMIT_SECONDS = Integer.getInteger("autobahn.caseLimitSeconds", 150);

    private static final String LOAD = """
            import json, time
            from twisted.internet import reactor, task
            from autobahntestsuite.fuzzing import FuzzingClientFactory
            """;

    /**
     * What {@code wstest -m fuzzingclient} does, plus the watchdog: the factory remembers the
     * protocol of the running case, and a timer aborts that connection once it passes the
     * limit; the suite then records the case as it stands (FAILED) and goes on to the next.
     */
    private static final String RUN = """
            class WatchedFactory(FuzzingClientFactory):
                current = None
                started = 0
                def buildProtocol(self, addr):
                    self.current = FuzzingClientFactory.buildProtocol(self, addr)
                    self.started = time.time()
                    return self.current

            def watchdog():
                p = factory.current
                if p is not None and p.transport is not None and time.time() - factory.started > case_limit:
                    print "WATCHDOG: case %s still open after %d s, aborting its connection" % (factory.currentCaseId, case_limit)
                    factory.current = None
                    case = p.runCase
                    case.result = "Aborted by the harness after %d s without an outcome." % case_limit
                    if not case.expectedClose:
                        # The opening handshake never completed, so the case never set its expectations;
                        # without them the suite cannot record the case at all.
                        case.expectedClose = {"closedByMe": True, "closeCode": [1000], "requireClean": True}
                        p.caseStart = factory.started
                        for attr in ("http_request_data", "http_response_data"):
                            if not hasattr(p, attr):
                                setattr(p, attr, "")
                    p.transport.abortConnection()

            factory = WatchedFactory(json.loads(spec_json))
            task.LoopingCall(watchdog).start(5, now=False)
            reactor.run()
            """;

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
        Reports.clear(reportDir);
        String spec = spec(reportDir);
        Files.writeString(reportDir.resolveSibling("fuzzingclient.json"), spec, StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(log);
                PythonInterpreter python = new PythonInterpreter()) {
            python.setOut(out);
            python.setErr(out);
            python.set("spec_json", new PyString(spec));
            python.set("case_limit", new PyInteger(CASE_LIMIT_SECONDS));
            long loadStart = System.nanoTime();
            python.exec(LOAD);
            long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
            CpuSplit cpu = new CpuSplit();
            python.exec(RUN);
            return "suite loaded in " + loadMillis + " ms; cases ran in " + cpu.measure();
        }
    }
}
