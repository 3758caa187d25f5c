package dev.gannet.websocket.conformance;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts an echo server through its command line entry point, in this JVM: the class's
 * {@code main} is called with {@code --host 127.0.0.1 --port N} on a daemon thread, N being a
 * port found free just before, and the server is ready once that port accepts connections.
 * This is how Gannet's demo ({@code dev.gannet.websocket.demo.DemoServer}) is run as the
 * public target without the conformance module compiling against it. Such a main blocks until
 * the JVM exits and stops the server from its shutdown hook, so {@link #close()} leaves it
 * running; the test JVM ends right after the run.
 */
public final class MainClassServer implements EchoTarget {

    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final URI echoUri;
    private final String mainClass;

    private MainClassServer(URI echoUri, String mainClass) {
        this.echoUri = echoUri;
        this.mainClass = mainClass;
    }

    /**
     * Starts the server and waits until it accepts connections.
     *
     * @param mainClass a class whose {@code main(String[])} accepts {@code --host H --port N}
     * @param path the echo endpoint's path, such as {@code /echo}
     */
    public static MainClassServer start(String mainClass, String path) throws Exception {
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        int port = LocalPorts.free();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                main.invoke(null, (Object) new String[] {"--host", "127.0.0.1", "--port", String.valueOf(port)});
            } catch (InvocationTargetException e) {
                failure.set(e.getCause());
            } catch (ReflectiveOperationException | RuntimeException e) {
                failure.set(e);
            }
        }, "echo-server-main");
        runner.setDaemon(true);
        runner.start();

        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!LocalPorts.accepts(port)) {
            if (failure.get() != null) {
                throw new IllegalStateException(mainClass + ".main failed", failure.get());
            }
            if (!runner.isAlive()) {
                throw new IllegalStateException(mainClass + ".main returned without serving port " + port);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(mainClass + " did not accept connections on 127.0.0.1:" + port
                        + " within " + START_TIMEOUT_MILLIS + " ms");
            }
            Thread.sleep(100);
        }
        return new MainClassServer(URI.create("ws://127.0.0.1:" + port + path), mainClass);
    }

    @Override
    public String description() {
        return "started by " + mainClass + ".main";
    }

    @Override
    public URI echoUri() {
        return echoUri;
    }

    @Override
    public void close() {
        // The main's own shutdown hook stops the server when the test JVM exits.
    }
}
