package dev.gannet.websocket.conformance;

import java.net.URI;
import java.nio.file.Path;

/**
 * A running echo server for the fuzzing client to test, chosen by the {@code autobahn.server}
 * setting: {@code jetty} or {@code tomcat} (the {@link EchoEndpoint} in that embedded
 * container, with the provider on the classpath), {@code main:<class>} (a server started
 * through its {@code main}, such as Gannet's demo) or a {@code ws://} URL (already running).
 */
public interface EchoTarget extends AutoCloseable {

    /** The {@code ws://} address of the echo endpoint. */
    URI echoUri();

    /** One line saying what runs there, for the build log. */
    String description();

    @Override
    void close() throws Exception;

    /**
     * Starts (or, for a URL, just names) the target.
     *
     * @param setting the {@code autobahn.server} value
     * @param workDir scratch space for containers that need a base directory
     */
    static EchoTarget start(String setting, Path workDir) throws Exception {
        if (setting.startsWith("ws://") || setting.startsWith("wss://")) {
            URI uri = URI.create(setting);
            return new EchoTarget() {
                @Override
                public URI echoUri() {
                    return uri;
                }

                @Override
                public String description() {
                    return "external server";
                }

                @Override
                public void close() {
                    // Not ours to stop.
                }
            };
        }
        if (setting.startsWith("main:")) {
            return MainClassServer.start(setting.substring("main:".length()), "/echo");
        }
        return switch (setting) {
            case "jetty" -> EchoServer.start();
            case "tomcat" -> TomcatEchoServer.start(workDir.resolve("tomcat"));
            default -> throw new IllegalArgumentException("autobahn.server=" + setting
                    + ": expected jetty, tomcat, main:<class with main(--host H --port N)> or a ws:// URL");
        };
    }
}
