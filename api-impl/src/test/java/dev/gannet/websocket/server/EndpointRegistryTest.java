package dev.gannet.websocket.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointRegistryTest {

    public static final class E extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    private final EndpointRegistry registry = new EndpointRegistry();

    private DeployedEndpoint add(String path) throws DeploymentException {
        ServerEndpointConfig sec = ServerEndpointConfig.Builder.create(E.class, path).build();
        DeployedEndpoint d = new DeployedEndpoint(sec, UriTemplate.parse(path), c -> new E(), null);
        registry.add(d);
        return d;
    }

    private String matched(String request) {
        Optional<EndpointMatch> m = registry.match(request);
        return m.map(x -> x.path() + " " + new java.util.TreeMap<>(x.pathParameters())).orElse(null);
    }

    @Test
    void specExampleThree() throws DeploymentException {
        add("/a/{var}/c");
        add("/a/b/c");
        add("/a/{var1}/{var2}");
        assertEquals("/a/b/c {}", matched("/a/b/c"));
        assertEquals("/a/{var}/c {var=d}", matched("/a/d/c"));
        assertEquals("/a/{var1}/{var2} {var1=x, var2=y}", matched("/a/x/y"));
        assertNull(matched("/a/x/y/"), "four segments match nothing");
    }

    @Test
    void specExampleFourLeftToRight() throws DeploymentException {
        add("/{var1}/d");
        add("/b/{var2}");
        assertEquals("/b/{var2} {var2=d}", matched("/b/d"));
        assertEquals("/{var1}/d {var1=c}", matched("/c/d"));
    }

    @Test
    void exactWinsOverTemplateAndTrailingSlashMatters() throws DeploymentException {
        add("/a/b");
        add("/a/{customer-name}");
        add("/a/b/");
        assertEquals("/a/b {}", matched("/a/b"));
        assertEquals("/a/b/ {}", matched("/a/b/"));
        assertEquals("/a/{customer-name} {customer-name=x}", matched("/a/x"));
    }

    @Test
    void aDeadEndLiteralDoesNotHideAMatchingTemplate() throws DeploymentException {
        // /a/b/d is a valid expansion of /a/{x}/d only; the literal "b" of /a/b/c must not win.
        add("/a/b/c");
        add("/a/{x}/d");
        assertEquals("/a/{x}/d {x=b}", matched("/a/b/d"));
    }

    @Test
    void precedenceDoesNotDependOnRegistrationOrder() throws DeploymentException {
        add("/{a}/{b}/{c}");
        add("/{a}/{b}/z");
        add("/{a}/y/{c}");
        add("/x/{b}/{c}");
        assertEquals("/x/{b}/{c} {b=y, c=z}", matched("/x/y/z"));
        assertEquals("/{a}/y/{c} {a=w, c=z}", matched("/w/y/z"));
        assertEquals("/{a}/{b}/z {a=w, b=v}", matched("/w/v/z"));
        assertEquals("/{a}/{b}/{c} {a=w, b=v, c=u}", matched("/w/v/u"));
    }

    @Test
    void rootAndEmptyPath() throws DeploymentException {
        add("/");
        assertEquals("/ {}", matched("/"));
        assertEquals("/ {}", matched(""));
        assertEquals("/ {}", matched(null));
    }

    @Test
    void requestsThatCannotMatch() throws DeploymentException {
        add("/a/{x}");
        assertNull(matched("/a/%zz"));
        assertNull(matched("/a/.."));
        assertNull(matched("/a/%2E%2E"));
        assertNull(matched("a/b"));
        assertEquals("/a/{x} {x=.x}", matched("/a/.x"));
    }

    @Test
    void duplicatesAndEquivalentTemplatesAreRejected() throws DeploymentException {
        add("/a/{x}");
        add("/a/b");
        DeploymentException e = assertThrows(DeploymentException.class, () -> add("/a/{y}"));
        assertTrue(e.getMessage().contains("equivalent URI template (/a/{x})"), e.getMessage());
        e = assertThrows(DeploymentException.class, () -> add("/a/b"));
        assertTrue(e.getMessage().contains("the same path"), e.getMessage());
        assertThrows(DeploymentException.class, () -> add("/a/%62"));
        add("/a/{x}/");
        add("/{x}/b");
        assertEquals(4, registry.all().size());
    }

    @Test
    void clearForgetsEverything() throws DeploymentException {
        add("/a");
        registry.clear();
        assertNull(matched("/a"));
        add("/a");
    }

    @Test
    void concurrentReadersSeeConsistentSnapshots() throws Exception {
        add("/fixed");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int n = 0; n < 20_000; n++) {
                        if (registry.match("/fixed").isEmpty()) {
                            throw new AssertionError("lost /fixed");
                        }
                        registry.match("/t/" + n + "/x");
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            readers.add(t);
        }
        start.countDown();
        for (int i = 0; i < 200; i++) {
            add("/t/{a}/" + i);
        }
        for (Thread t : readers) {
            t.join();
        }
        assertNull(failure.get());
        assertEquals(Map.of("a", "7"), registry.match("/t/7/5").orElseThrow().pathParameters());
    }
}
