package dev.gannet.websocket.tck.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.gannet.websocket.tck.arquillian.ws.DuplicateEchoEndpoint;
import dev.gannet.websocket.tck.arquillian.ws.EchoEndpoint;
import dev.gannet.websocket.tck.arquillian.ws.OtherEndpoint;
import jakarta.websocket.DeploymentException;

/**
 * WebSocket WARs deployed the way the TCK deploys its own, with Gannet on the container class path
 * and not in the WARs: one whose endpoint answers a client connected through ContainerProvider, one
 * that must fail deployment (two endpoints on one path) and then offers no endpoint at all, not even
 * its valid one. Skipped while Gannet's server or client side is missing from the class path.
 */
@ExtendWith(ArquillianExtension.class)
class WebSocketWarIT {

    @ArquillianResource
    @OperateOnDeployment("invalid")
    private URL invalid;

    @ArquillianResource
    @OperateOnDeployment("echo")
    private URL echo;

    @Deployment(name = "invalid", testable = false, order = 1)
    static WebArchive invalid() {
        return ShrinkWrap.create(WebArchive.class, "adapter_ws_invalid_web.war")
                .addClasses(EchoEndpoint.class, DuplicateEchoEndpoint.class, OtherEndpoint.class);
    }

    @Deployment(name = "echo", testable = false, order = 2)
    static WebArchive echo() {
        return ShrinkWrap.create(WebArchive.class, "adapter_ws_echo_web.war").addClasses(EchoEndpoint.class);
    }

    @BeforeEach
    void requireGannet() {
        assumeTrue(WebSocketClient.gannetPresent(), "Gannet's initializer or client is not on the class path");
    }

    @Test
    void endpointOfADeployedWarAnswers() throws Exception {
        assertEquals("echo:hello", WebSocketClient.sendAndReceive(WebSocketClient.uri(echo, "echo"), "hello"));
    }

    @Test
    void noEndpointOfAFailedWarIsReachable() {
        for (String path : new String[] {"echo", "other"}) {
            Exception e = assertThrows(Exception.class,
                    () -> WebSocketClient.sendAndReceive(WebSocketClient.uri(invalid, path), "hello"), path);
            // The handshake is refused (DeploymentException); a refused connection (IOException) would do too.
            if (!(e instanceof DeploymentException || e instanceof IOException)) {
                throw new AssertionError("connecting to " + path + " must fail to connect, not with " + e, e);
            }
        }
    }
}
