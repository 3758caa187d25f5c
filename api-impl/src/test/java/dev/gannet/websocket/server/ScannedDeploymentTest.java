package dev.gannet.websocket.server;

import dev.gannet.websocket.endpoint.AnnotatedEndpoint;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScannedDeploymentTest {

    @ServerEndpoint("/one")
    public static class One {
        @OnMessage
        public void on(String m) {
        }
    }

    @ServerEndpoint("/two")
    public static class Two {
        @OnMessage
        public void on(String m) {
        }
    }

    /** Inherits @ServerEndpoint's class but not the annotation: must not be deployed (spec 4.8). */
    public static class OneSubclass extends One {
    }

    @ServerEndpoint("/hidden")
    static class NotPublic {
        @OnMessage
        public void on(String m) {
        }
    }

    @ServerEndpoint("/two")
    public static class ClashesWithTwo {
        @OnMessage
        public void on(String m) {
        }
    }

    public static class Prog extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public abstract static class AbstractProg extends Endpoint {
    }

    static final List<Set<?>> SEEN = new java.util.ArrayList<>();

    /** Deploys One and every programmatic endpoint it is offered, at /prog. */
    public static class OnlyOne implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            SEEN.add(endpointClasses);
            Set<ServerEndpointConfig> out = new HashSet<>();
            for (Class<? extends Endpoint> c : endpointClasses) {
                out.add(ServerEndpointConfig.Builder.create(c, "/prog").build());
            }
            return out;
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            SEEN.add(scanned);
            return Set.of(One.class);
        }
    }

    /** Adds Two; together with OnlyOne, One is returned twice and must be deployed once. */
    public static class AlsoTwo implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            return Set.of();
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of(One.class, Two.class);
        }
    }

    private final GannetServerContainer container = new GannetServerContainer();

    @AfterEach
    void stop() {
        container.shutdown();
        SEEN.clear();
    }

    private Set<String> paths() {
        return new TreeSet<>(container.endpointPaths());
    }

    @Test
    void withoutApplicationConfigEveryProperAnnotatedEndpointIsDeployed() throws DeploymentException {
        ScannedDeployment.deploy(container, Set.of(One.class, Two.class, OneSubclass.class, NotPublic.class,
                Prog.class, AbstractProg.class, AnnotatedEndpoint.class, String.class));
        assertEquals(Set.of("/one", "/two"), paths(), "no programmatic endpoint without a ServerApplicationConfig");
    }

    @Test
    void applicationConfigsChooseTheUnion() throws DeploymentException {
        ScannedDeployment.deploy(container, Set.of(One.class, Two.class, OneSubclass.class, Prog.class,
                AbstractProg.class, AnnotatedEndpoint.class, OnlyOne.class, AlsoTwo.class));
        assertEquals(Set.of("/one", "/two", "/prog"), paths());
        assertEquals(Set.of(Prog.class), SEEN.get(0), "only public concrete endpoints, none of Gannet's own");
        assertEquals(Set.of(One.class, Two.class), SEEN.get(1));
    }

    @Test
    void aDeploymentErrorRemovesEverythingAndStopsDeployment() {
        assertThrows(DeploymentException.class,
                () -> ScannedDeployment.deploy(container, Set.of(One.class, Two.class, ClashesWithTwo.class)));
        assertTrue(container.endpointPaths().isEmpty());
        assertThrows(IllegalStateException.class, () -> container.addEndpoint(One.class));
    }
}
