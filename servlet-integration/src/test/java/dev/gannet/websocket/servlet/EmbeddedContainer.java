package dev.gannet.websocket.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A servlet container started in-process on 127.0.0.1 and port 0 with one web application,
 * so every integration scenario is written once and run on Jetty and on Tomcat.
 */
interface EmbeddedContainer {

    /**
     * The web application to deploy.
     *
     * @param discover when true the container finds Gannet's initializer and the test classes
     *     itself (annotation scanning, as for a real WAR: test-classes play WEB-INF/classes);
     *     when false only {@code initializers} run
     */
    record WebApp(String contextPath, boolean discover, List<ServletContainerInitializer> initializers,
            Map<String, String> initParameters) {

        static WebApp discovered(String contextPath, Map<String, String> initParameters) {
            return new WebApp(contextPath, true, List.of(), initParameters);
        }

        static WebApp programmatic(String contextPath, ServletContainerInitializer... initializers) {
            return new WebApp(contextPath, false, List.of(initializers), Map.of());
        }
    }

    /** Starts one kind of container. */
    interface Kind {
        EmbeddedContainer start(WebApp app) throws Exception;
    }

    List<Kind> KINDS = List.of(JettyContainer::start, TomcatContainer::start);

    String name();

    int port();

    String contextPath();

    default URI http(String path) {
        return URI.create("http://127.0.0.1:" + port() + contextPath() + path);
    }

    default URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port() + contextPath() + path);
    }

    /** Not AutoCloseable on purpose: JUnit would close a parameter after each invocation. */
    void close() throws Exception;

    /** The folder the test classes were loaded from (whatever -Dgannet.target says). */
    static Path testClasses() {
        try {
            return Path.of(EmbeddedContainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
