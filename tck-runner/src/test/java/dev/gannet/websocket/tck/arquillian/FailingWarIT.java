package dev.gannet.websocket.tck.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.gannet.websocket.tck.arquillian.app.HelloServlet;
import dev.gannet.websocket.tck.arquillian.app.RejectedByInitializer;
import dev.gannet.websocket.tck.arquillian.app.ThrowingListener;

/**
 * WARs that must fail deployment, as in the TCK's negative-deployment tests: the Arquillian
 * deployment itself must not fail (the test has to run), the URL must still be injected, nothing of
 * the failed application may answer there, and the container must go on serving other applications,
 * including one deployed after the failures.
 */
@ExtendWith(ArquillianExtension.class)
class FailingWarIT {

    @ArquillianResource
    @OperateOnDeployment("rejected")
    private URL rejected;

    @ArquillianResource
    @OperateOnDeployment("throwing")
    private URL throwing;

    @ArquillianResource
    @OperateOnDeployment("healthy")
    private URL healthy;

    @Deployment(name = "rejected", testable = false, order = 1)
    static WebArchive rejectedByInitializer() {
        return ShrinkWrap.create(WebArchive.class, "adapter_rejected_web.war")
                .addClasses(HelloServlet.class, RejectedByInitializer.class);
    }

    @Deployment(name = "throwing", testable = false, order = 2)
    static WebArchive throwingListener() {
        return ShrinkWrap.create(WebArchive.class, "adapter_throwing_web.war")
                .addClasses(HelloServlet.class, ThrowingListener.class);
    }

    @Deployment(name = "healthy", testable = false, order = 3)
    static WebArchive healthy() {
        return ShrinkWrap.create(WebArchive.class, "adapter_healthy_web.war").addClasses(HelloServlet.class);
    }

    @Test
    void urlOfARejectedApplicationIsInjectedAndAnswers404() throws Exception {
        assertEquals("/adapter_rejected_web/", rejected.getPath());
        assertEquals(404, Http.get(rejected, "hello").statusCode());
    }

    @Test
    void applicationWhoseListenerThrowsAnswers404() throws Exception {
        assertEquals("/adapter_throwing_web/", throwing.getPath());
        assertEquals(404, Http.get(throwing, "hello").statusCode());
    }

    @Test
    void containerKeepsServingAfterFailedDeployments() throws Exception {
        assertEquals("hello from /adapter_healthy_web", Http.get(healthy, "hello").body());
    }
}
