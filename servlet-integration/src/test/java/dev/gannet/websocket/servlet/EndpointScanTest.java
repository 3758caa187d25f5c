package dev.gannet.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The spec's §6.2 deployment rules over what a container scan reports. */
class EndpointScanTest {

    @ServerEndpoint("/a")
    public static class A {
    }

    @ServerEndpoint("/b")
    public static class B {
    }

    public static class P extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public abstract static class AbstractEndpoint extends Endpoint {
    }

    static final ServerEndpointConfig P_CONFIG = ServerEndpointConfig.Builder.create(P.class, "/p").build();

    /** Keeps A only, and configures P. */
    public static class OnlyA implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
            return scanned.contains(P.class) ? Set.of(P_CONFIG) : Set.of();
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return scanned.contains(A.class) ? Set.of(A.class) : Set.of();
        }
    }

    /** Keeps B only. */
    public static class OnlyB implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
            return Set.of();
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of(B.class);
        }
    }

    @Test
    void withoutAnApplicationConfigEveryAnnotatedEndpointAndNoProgrammaticOne() throws Exception {
        EndpointScan scan = EndpointScan.of(Set.of(A.class, B.class, P.class, AbstractEndpoint.class));
        assertEquals(Set.of(A.class, B.class), scan.annotated());
        assertEquals(Set.of(), scan.configs());
    }

    @Test
    void withApplicationConfigsTheUnionOfWhatEachReturns() throws Exception {
        EndpointScan scan = EndpointScan.of(Set.of(A.class, B.class, P.class, OnlyA.class, OnlyB.class));
        assertEquals(Set.of(A.class, B.class), scan.annotated());
        assertEquals(Set.of(P_CONFIG), scan.configs());
    }

    @Test
    void anApplicationConfigMayDeployNothing() throws Exception {
        EndpointScan scan = EndpointScan.of(Set.of(A.class, P.class, Nothing.class));
        assertEquals(Set.of(), scan.annotated());
        assertEquals(Set.of(), scan.configs());
    }

    @Test
    void noScanResultDeploysNothing() throws Exception {
        assertEquals(new EndpointScan(Set.of(), Set.of()), EndpointScan.of(null));
    }

    /** Suppresses deployment by scan, as the spec suggests. */
    public static class Nothing implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
            return Set.of();
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of();
        }
    }
}
