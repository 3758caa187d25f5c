package dev.gannet.websocket.tck.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.gannet.websocket.tck.arquillian.app.HelloServlet;
import dev.gannet.websocket.tck.arquillian.app.ProbedInClasses;
import dev.gannet.websocket.tck.arquillian.app.ProbedInLib;

/**
 * A WAR that deploys, driven from outside the container as the TCK drives its WARs: context root
 * from the archive name, annotated servlets and static files served, and an initializer on the
 * container class path handed the annotated classes of WEB-INF/classes and WEB-INF/lib.
 */
@ExtendWith(ArquillianExtension.class)
class ServingWarIT {

    @ArquillianResource
    private URL url;

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive lib = ShrinkWrap.create(JavaArchive.class, "probed-lib.jar").addClass(ProbedInLib.class);
        return ShrinkWrap.create(WebArchive.class, "adapter_serving_web.war")
                .addClasses(HelloServlet.class, ProbedInClasses.class)
                .addAsLibrary(lib)
                .addAsWebResource(new StringAsset("<p>static page</p>"), "index.html");
    }

    @Test
    void injectedUrlNamesTheArchiveAsContextRoot() {
        assertEquals("/adapter_serving_web/", url.getPath());
        assertTrue(url.getPort() > 0, "a real port, got " + url);
    }

    @Test
    void servesAnAnnotatedServlet() throws Exception {
        HttpResponse<String> response = Http.get(url, "hello");
        assertEquals(200, response.statusCode());
        assertEquals("hello from /adapter_serving_web", response.body());
    }

    @Test
    void servesStaticFilesAndWelcomeFile() throws Exception {
        assertEquals("<p>static page</p>", Http.get(url, "index.html").body());
        HttpResponse<String> welcome = Http.get(url, "");
        assertEquals(200, welcome.statusCode());
        assertEquals("<p>static page</p>", welcome.body());
    }

    @Test
    void containerInitializerSeesClassesAndLibrariesOfTheWar() throws Exception {
        HttpResponse<String> response = Http.get(url, "probe");
        assertEquals(200, response.statusCode());
        assertEquals(ProbedInClasses.class.getName() + " loaded by webapp\n"
                + ProbedInLib.class.getName() + " loaded by webapp", response.body());
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertEquals(404, Http.get(url, "no-such-thing").statusCode());
    }
}
