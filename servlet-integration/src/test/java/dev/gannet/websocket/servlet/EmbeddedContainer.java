package dev.gannet.websocket.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
            Set<Class<?>> handlesTypes, Map<String, String> initParameters) {

        static WebApp discovered(String contextPath, Map<String, String> initParameters) {
            return new WebApp(contextPath, true, List.of(), Set.of(), initParameters);
        }

        static WebApp programmatic(String contextPath, ServletContainerInitializer... initializers) {
            return new WebApp(contextPath, false, List.of(initializers), Set.of(), Map.of());
        }

        /** Gannet's initializer added by hand, given {@code scanned} as its @HandlesTypes classes. */
        static WebApp gannetWith(String contextPath, Class<?>... scanned) {
            return new WebApp(contextPath, false, List.of(new GannetServletContainerInitializer()),
                    Set.of(scanned), Map.of());
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

    /** Undeploys the web application (contextDestroyed runs); the server keeps running. */
    void undeploy() throws Exception;

    /** Deploys the web application again after {@link #undeploy()}. */
    void redeploy() throws Exception;

    /** Not AutoCloseable on purpose: JUnit would close a parameter after each invocation. */
    void close() throws Exception;

    /** Deploys the same web application on every container kind: a test class's fixture. */
    static List<EmbeddedContainer> startAll(WebApp app) throws Exception {
        List<EmbeddedContainer> started = new java.util.ArrayList<>();
        for (Kind kind : KINDS) {
            started.add(kind.start(app));
        }
        return started;
    }

    /** Closes every container of a fixture. */
    static void closeAll(List<EmbeddedContainer> containers) throws Exception {
        for (EmbeddedContainer c : containers) {
            c.close();
        }
    }

    /**
     * WEB-INF/classes of the discovered web application: a copy of the {@code testapp} package
     * only, as a WAR would hold it, so fixtures of other tests are not scanned.
     */
    static Path webAppClasses() throws java.io.IOException {
        return WebAppClasses.dir();
    }
}
